//! Answer templates: texts administrators keep in the three languages, which staff insert
//! into an answer in the resident's language and edit before sending.

use crate::domain::field::FieldError;
use crate::domain::lang::Lang;
use crate::domain::submission::clean_text;
use crate::domain::submission::new::BODY_MAX;

/// The longest title of a template.
pub const TITLE_MAX: usize = 120;
/// What a template's text may name and is filled in when inserted.
pub const NUMBER_PLACEHOLDER: &str = "{number}";

/// The template form as typed.
#[derive(Clone, Copy, Debug, Default)]
pub struct TemplateDraft<'a> {
    pub title: &'a str,
    pub body_kk: &'a str,
    pub body_ru: &'a str,
    pub body_en: &'a str,
}

/// A valid template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerTemplate {
    pub title: String,
    pub body_kk: String,
    pub body_ru: String,
    pub body_en: String,
}

impl AnswerTemplate {
    /// The template, or one message per field that is missing or too long.
    pub fn parse(d: &TemplateDraft) -> Result<AnswerTemplate, Vec<FieldError>> {
        let title = clean_text(d.title, false);
        let bodies = [
            ("body_kk", clean_text(d.body_kk, true)),
            ("body_ru", clean_text(d.body_ru, true)),
            ("body_en", clean_text(d.body_en, true)),
        ];
        let mut errors = Vec::new();
        if !(1..=TITLE_MAX).contains(&title.chars().count()) {
            errors.push(FieldError::new("title", "template-error-title"));
        }
        for (field, body) in &bodies {
            if !(1..=BODY_MAX).contains(&body.chars().count()) {
                errors.push(FieldError::new(field, "template-error-body"));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let [(_, body_kk), (_, body_ru), (_, body_en)] = bodies;
        Ok(AnswerTemplate {
            title,
            body_kk,
            body_ru,
            body_en,
        })
    }

    /// The text in `lang`.
    pub fn body(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.body_kk,
            Lang::Ru => &self.body_ru,
            Lang::En => &self.body_en,
        }
    }

    /// The text in the resident's language with the appeal's number filled in, added after
    /// what was typed already (nothing typed is lost).
    pub fn insert_into(&self, typed: &str, lang: Lang, number: &str) -> String {
        let body = self.body(lang).replace(NUMBER_PLACEHOLDER, number);
        let typed = typed.trim_end();
        if typed.is_empty() {
            body
        } else {
            format!("{typed}\n\n{body}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> AnswerTemplate {
        AnswerTemplate::parse(&TemplateDraft {
            title: " Patrol added ",
            body_kk: "№{number} өтінішіңіз бойынша кешкі патруль қосылды.",
            body_ru: "По обращению №{number} добавлен вечерний патруль.",
            body_en: "Following appeal {number}, an evening patrol was added.",
        })
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn the_text_is_taken_in_the_residents_language_with_the_number_filled_in() {
        let t = template();
        assert_eq!(t.title, "Patrol added");
        assert_eq!(
            t.insert_into("", Lang::Kk, "ATR-2612-4KQ7"),
            "№ATR-2612-4KQ7 өтінішіңіз бойынша кешкі патруль қосылды."
        );
        assert_eq!(
            t.insert_into("Здравствуйте.\n", Lang::Ru, "ATR-2612-4KQ7"),
            "Здравствуйте.\n\nПо обращению №ATR-2612-4KQ7 добавлен вечерний патруль."
        );
    }

    #[test]
    fn every_field_is_required() {
        let errors = AnswerTemplate::parse(&TemplateDraft {
            title: "",
            body_kk: "text",
            body_ru: " ",
            body_en: "text",
        })
        .err()
        .unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "body_ru"]);
    }
}
