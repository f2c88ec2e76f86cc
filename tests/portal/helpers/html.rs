//! Reading HTML with CSS selectors, never with `contains`.

use scraper::{Html, Selector};

/// The trimmed text of every element matching `selector`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("valid selector");
    html.select(&sel)
        .map(|e| {
            // Text nodes are joined with spaces, as adjacent cells read.
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The text of the one element matching `selector`.
pub fn text(html: &Html, selector: &str) -> String {
    let all = texts(html, selector);
    assert_eq!(all.len(), 1, "exactly one {selector}, found {all:?}");
    all.into_iter().next().unwrap_or_default()
}

/// An attribute of every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("valid selector");
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The fields a browser would send for the form matching `form`, as it is filled in: text and
/// hidden inputs, ticked checkboxes and radios, each select's chosen option, textareas (no
/// buttons).
pub fn form_fields(html: &Html, form: &str) -> Vec<(String, String)> {
    let sel = Selector::parse(&format!(
        "{form} input[name], {form} select[name], {form} textarea[name]"
    ))
    .expect("valid selector");
    let option = Selector::parse("option[selected]").expect("valid selector");
    let mut out = Vec::new();
    for e in html.select(&sel) {
        let v = e.value();
        let name = v.attr("name").unwrap_or_default().to_string();
        match v.name() {
            "select" => {
                let chosen = e.select(&option).next();
                let value = chosen.and_then(|o| o.value().attr("value")).unwrap_or("");
                out.push((name, value.to_string()));
            }
            "textarea" => out.push((name, e.text().collect())),
            _ => match v.attr("type").unwrap_or("text") {
                "checkbox" | "radio" if v.attr("checked").is_none() => {}
                "submit" | "button" => {}
                _ => out.push((name, v.attr("value").unwrap_or("").to_string())),
            },
        }
    }
    out
}

/// `fields` with some values replaced (an empty value unticks a checkbox) and some added.
pub fn with_values(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .cloned()
        .collect();
    for (k, v) in changes {
        if !v.is_empty() || !k.starts_with("service.") {
            out.push(((*k).to_string(), (*v).to_string()));
        }
    }
    out
}
