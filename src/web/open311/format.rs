//! One answer, two formats: GeoReport v2 documents as JSON or XML from the same tree, and its
//! errors (`[{"code": 404, "description": "..."}]`, `<errors><error>...`) with the status.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

/// `.json` or `.xml`, as the path ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    pub fn parse(ext: &str) -> Option<Format> {
        match ext {
            "json" => Some(Format::Json),
            "xml" => Some(Format::Xml),
            _ => None,
        }
    }
}

/// A value of a document: XML writes an array's items as elements named `item`.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    Obj(Vec<(&'static str, Val)>),
    Arr(&'static str, Vec<Val>),
}

impl Val {
    pub fn text(s: impl Into<String>) -> Val {
        Val::Text(s.into())
    }

    pub fn opt(s: Option<String>) -> Val {
        s.map_or(Val::Null, Val::Text)
    }

    fn json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Val::Text(s) => J::String(s.clone()),
            Val::Int(n) => J::from(*n),
            Val::Float(f) => J::from(*f),
            Val::Bool(b) => J::Bool(*b),
            Val::Null => J::Null,
            Val::Obj(fields) => J::Object(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_string(), v.json()))
                    .collect(),
            ),
            Val::Arr(_, items) => J::Array(items.iter().map(Val::json).collect()),
        }
    }

    fn xml(&self, out: &mut String) {
        match self {
            Val::Text(s) => out.push_str(&escape(s)),
            Val::Int(n) => out.push_str(&n.to_string()),
            Val::Float(f) => out.push_str(&f.to_string()),
            Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Val::Null => {}
            Val::Obj(fields) => {
                for (k, v) in fields {
                    element(out, k, v);
                }
            }
            Val::Arr(item, items) => {
                for v in items {
                    element(out, item, v);
                }
            }
        }
    }
}

fn element(out: &mut String, tag: &str, v: &Val) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    v.xml(out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The document `root` (XML's root element; JSON is the value itself).
pub fn respond(format: Format, status: StatusCode, root: &str, value: &Val) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    // Open data: any site may read it.
    response.insert_header(("Access-Control-Allow-Origin", "*"));
    match format {
        Format::Json => response
            .content_type("application/json; charset=utf-8")
            .body(value.json().to_string()),
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            element(&mut out, root, value);
            response.content_type("text/xml; charset=utf-8").body(out)
        }
    }
}

/// An error as GeoReport v2 writes it.
pub fn error(format: Format, status: StatusCode, description: &str) -> HttpResponse {
    errors(format, status, &[description.to_string()])
}

/// Several errors of one answer (a filed request with more than one field wrong).
pub fn errors(format: Format, status: StatusCode, descriptions: &[String]) -> HttpResponse {
    let all = descriptions
        .iter()
        .map(|d| {
            Val::Obj(vec![
                ("code", Val::Int(i64::from(status.as_u16()))),
                ("description", Val::text(d.as_str())),
            ])
        })
        .collect();
    respond(format, status, "errors", &Val::Arr("error", all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_and_nests() {
        let v = Val::Arr(
            "service",
            vec![Val::Obj(vec![
                ("service_name", Val::text("Noise <at night> & \"music\"")),
                ("metadata", Val::Bool(false)),
                ("group", Val::Null),
            ])],
        );
        let mut out = String::new();
        element(&mut out, "services", &v);
        assert_eq!(
            out,
            "<services><service><service_name>Noise &lt;at night&gt; &amp; &quot;music&quot;\
             </service_name><metadata>false</metadata><group></group></service></services>"
        );
        assert_eq!(
            v.json(),
            serde_json::json!([
                {"service_name": "Noise <at night> & \"music\"", "metadata": false, "group": null}
            ])
        );
    }
}
