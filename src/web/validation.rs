//! `validator`'s errors as field errors: each `code` in a `#[validate]` attribute is the
//! Fluent key of the message.

use std::borrow::Cow;

use validator::ValidationErrors;

use crate::domain::field::FieldError;

/// One field error per invalid field, in the order of `fields` (the form's order).
pub fn field_errors(errors: &ValidationErrors, fields: &[&'static str]) -> Vec<FieldError> {
    let by_field = errors.field_errors();
    fields
        .iter()
        .filter_map(|field| {
            let first = by_field.get(*field)?.first()?;
            let key = match &first.code {
                Cow::Borrowed(key) => key,
                // Codes are literals in attributes; anything else is a programming error.
                Cow::Owned(_) => "error-400-text",
            };
            Some(FieldError::new(field, key))
        })
        .collect()
}
