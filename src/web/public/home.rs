//! The home page: what the portal offers and where to start.

use askama::Template;
use askama_web::WebTemplate;

use crate::web::page::PageContext;

#[derive(Template, WebTemplate)]
#[template(path = "public/home.html")]
pub struct HomePage {
    ctx: PageContext,
}

pub async fn show(ctx: PageContext) -> HomePage {
    HomePage { ctx }
}
