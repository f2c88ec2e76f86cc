//! The portal's three languages and texts written in all of them.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    Kk,
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's own name, as shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// A language tag or code (`kk`, `kk-KZ`, `ru_RU`, `en`); `kz` is read as Kazakh.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "kk" | "kz" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in the portal's three languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Localized {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Localized {
    /// The text in `code`'s language, or, where staff left it empty, in another (Russian,
    /// Kazakh, English, in that order).
    pub fn or_other(&self, code: &str) -> &str {
        [self.get(code), &self.ru, &self.kk, &self.en]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    }

    /// The text for a language code (kk, ru, en); Russian for anything else.
    pub fn get(&self, code: &str) -> &str {
        match code {
            "kk" => &self.kk,
            "en" => &self.en,
            _ => &self.ru,
        }
    }

    pub fn of(&self, lang: Lang) -> &str {
        self.get(lang.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_read_by_their_primary_subtag() {
        let cases = [
            ("kk-KZ", Some(Lang::Kk)),
            ("kz", Some(Lang::Kk)),
            ("ru_RU", Some(Lang::Ru)),
            (" EN ", Some(Lang::En)),
            ("de", None),
            ("", None),
        ];
        for (tag, expected) in cases {
            assert_eq!(Lang::parse(tag), expected, "{tag}");
        }
    }
}
