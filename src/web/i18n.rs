//! The user's language (kk, ru, en) and the Fluent messages every page is built from.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "ru",
        // Isolation marks around arguments would show up in phone numbers and test output.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Name of the cookie that remembers a language chosen with `?lang=`.
pub const LANG_COOKIE: &str = "lang";

static KK: LanguageIdentifier = langid!("kk");
static RU: LanguageIdentifier = langid!("ru");
static EN: LanguageIdentifier = langid!("en");

pub use crate::domain::lang::Lang;

// The translation side of the domain's `Lang`: an inherent impl may live anywhere in the crate.
impl Lang {
    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Kk => &KK,
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }

    /// The message for `key`; a missing key shows the key itself (the key test keeps
    /// that from ever reaching a user).
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message for `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &map)
            .unwrap_or_else(|| key.to_string())
    }

    /// `?lang=`, then the cookie, then Accept-Language, then Russian.
    pub fn from_request(req: &HttpRequest) -> Lang {
        if let Some(lang) = query_lang(req.query_string()) {
            return lang;
        }
        if let Some(lang) = req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())) {
            return lang;
        }
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(from_accept_language)
            .unwrap_or_default()
    }
}

/// The language named by a `lang` query parameter, if any and known.
pub fn query_lang(query: &str) -> Option<Lang> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::parse(v))
}

/// The supported language with the highest weight, e.g. `en-GB;q=0.8, kk;q=0.9` gives kk.
pub fn from_accept_language(value: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for part in value.split(',') {
        let mut pieces = part.split(';');
        let Some(lang) = pieces.next().and_then(Lang::parse) else {
            continue;
        };
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((lang, q));
        }
    }
    best.map(|(lang, _)| lang)
}

impl FromRequest for Lang {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Lang::from_request(req)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_supported_language() {
        let cases = [
            ("kk-KZ,ru;q=0.8", Some(Lang::Kk)),
            ("en-GB;q=0.8, kk;q=0.9", Some(Lang::Kk)),
            ("de-DE,en;q=0.5", Some(Lang::En)),
            ("fr, de", None),
            ("ru;q=0", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(from_accept_language(header), expected, "{header}");
        }
    }

    #[test]
    fn the_lang_parameter_is_found_among_others() {
        assert_eq!(query_lang("q=abc&lang=kk"), Some(Lang::Kk));
        assert_eq!(query_lang("lang=xx"), None);
        assert_eq!(query_lang(""), None);
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let text = Lang::En.t_args("error-status", &[("status", "404".into())]);
        assert_eq!(text, "Error code 404");
    }
}
