//! What every page needs besides its own data (the language, the switcher links, the footer),
//! and the one way a page becomes a response.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use askama::Template;
use fluent_templates::fluent_bundle::FluentValue;

use super::error::AppError;
use super::i18n::Lang;
use super::state::AppState;

/// A path that stays on the portal when used as a link: `//evil.example/x` or `/\\evil/x`
/// would be read by browsers as another host, so leading slashes and backslashes collapse.
pub fn on_site(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}

/// Who may keep a copy of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caching {
    /// The default caching of the browser.
    Default,
    /// A form with tokens, or a staff page: never stored.
    NoStore,
    /// A page with a secret in it (a tracking key): never stored, and no referrer leaves it.
    Secret,
}

/// Renders a page with a status; every HTML page of the portal leaves through here.
pub fn render(
    status: StatusCode,
    caching: Caching,
    page: &impl Template,
) -> Result<HttpResponse, AppError> {
    let body = page.render()?;
    let mut response = HttpResponse::build(status);
    response.content_type("text/html; charset=utf-8");
    if caching != Caching::Default {
        response.insert_header((header::CACHE_CONTROL, "no-store"));
    }
    if caching == Caching::Secret {
        response.insert_header((header::REFERRER_POLICY, "no-referrer"));
    }
    Ok(response.body(body))
}

/// A page with 200 OK.
pub fn ok(page: &impl Template) -> Result<HttpResponse, AppError> {
    render(StatusCode::OK, Caching::Default, page)
}

/// 200 when the page has no errors, else 400: a search the resident must correct.
pub fn ok_unless(has_errors: bool, page: &impl Template) -> Result<HttpResponse, AppError> {
    let status = if has_errors {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    render(status, Caching::Default, page)
}

/// POST-redirect-GET: 303 See Other.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_string()))
        .finish()
}

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
    /// A form sent back with errors: the language switcher then leads to the form's own
    /// language buttons, which send it again to be shown in another language, so that nothing
    /// typed is lost. (Buttons in the header would become the form's default button.)
    pub form_returned: bool,
}

impl PageContext {
    pub fn new(req: &HttpRequest) -> Self {
        let lang = Lang::from_request(req);
        let demo = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.has_demo_data);
        let path = on_site(req.path());
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
            form_returned: false,
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

    /// A message that puts what a resident typed in quotes: quotes inside it become the inner
    /// kind («ТРЦ „Атырау“», not «ТРЦ «Атырау»»).
    pub fn t1_quoting(&self, key: &str, name: &'static str, value: &str) -> String {
        let inner = match self.lang {
            Lang::En => value.replace('“', "‘").replace('”', "’"),
            Lang::Kk | Lang::Ru => value.replace('«', "„").replace('»', "“"),
        };
        self.t1(key, name, inner)
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
