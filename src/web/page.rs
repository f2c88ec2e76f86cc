//! What every page needs besides its own data: the language, the switcher links, the footer.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use fluent_templates::fluent_bundle::FluentValue;

use super::i18n::Lang;
use crate::web::AppState;

/// A link in the language switcher.
pub struct LangLink {
    pub lang: Lang,
    pub href: String,
    pub current: bool,
}

pub struct PageContext {
    pub lang: Lang,
    pub lang_links: Vec<LangLink>,
    /// The directory holds demo records, which the footer then says.
    pub demo: bool,
    /// The path of this page, to mark the current item in the navigation.
    pub path: String,
}

impl PageContext {
    pub fn new(req: &HttpRequest) -> Self {
        let lang = Lang::from_request(req);
        let demo = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.has_demo_data());
        let path = req.path().to_string();
        let others: Vec<&str> = req
            .query_string()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang="))
            .collect();
        let lang_links = Lang::ALL
            .iter()
            .map(|&l| {
                let mut query = others.clone();
                let pair = format!("lang={}", l.code());
                query.push(&pair);
                LangLink {
                    lang: l,
                    href: format!("{path}?{}", query.join("&")),
                    current: l == lang,
                }
            })
            .collect();
        Self {
            lang,
            lang_links,
            demo,
            path,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A message with one argument, the common case in templates.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.lang
            .t_args(key, &[(name, FluentValue::from(value.to_string()))])
    }

    /// A message with one numeric argument, so that plural rules apply.
    pub fn tn(&self, key: &str, name: &'static str, value: i64) -> String {
        self.lang.t_args(key, &[(name, FluentValue::from(value))])
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

impl FromRequest for PageContext {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(PageContext::new(req)))
    }
}
