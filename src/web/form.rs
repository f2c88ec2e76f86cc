//! Pieces of every form, whichever audience it is for: messages next to fields, options.

use crate::domain::field::FieldError;
use crate::web::i18n::Lang;

/// A message shown in the error summary and next to its field.
pub struct ErrorItem {
    pub field: &'static str,
    pub message: String,
}

impl ErrorItem {
    /// The message for one field of a form, shown next to it.
    pub fn for_field<'a>(errors: &'a [ErrorItem], field: &str) -> Option<&'a str> {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// Field errors in the user's language.
pub fn error_items(lang: Lang, errors: &[FieldError]) -> Vec<ErrorItem> {
    errors
        .iter()
        .map(|e| ErrorItem {
            field: e.field,
            message: lang.t(e.key),
        })
        .collect()
}

/// An option of a `<select>`.
pub struct OptionItem {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// Records to choose by name (an inspector, a post): their ids as values, their names in
/// `lang`, the `typed` id selected.
pub fn named_options(
    all: Vec<(i64, crate::domain::lang::Localized)>,
    lang: Lang,
    typed: &str,
) -> Vec<OptionItem> {
    all.into_iter()
        .map(|(id, name)| OptionItem {
            selected: typed == id.to_string(),
            value: id.to_string(),
            label: name.of(lang).to_string(),
        })
        .collect()
}
