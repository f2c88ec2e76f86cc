//! Personal data in free text: a suggested redaction of what a resident wrote before any of
//! it is shown publicly or exported, with each masked span, so a moderator sees what went.

use std::sync::OnceLock;

use regex::Regex;

/// What replaces a masked span.
pub const MASK: &str = "[…]";

/// A text with personal data masked, and the spans that were masked, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Redaction {
    pub text: String,
    pub masked: Vec<String>,
}

fn patterns() -> &'static [Regex] {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            // E-mail addresses.
            r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+",
            // Phone numbers and IINs: a run of ten or more digits, spaces, dashes, brackets.
            r"\+?\d(?:[\s()\-]*\d){9,}",
        ]
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect()
    })
}

/// The spans of `text` that look like personal data (e-mails, phone numbers, IINs, the words
/// of the author's own name), in order, none overlapping.
fn spans(text: &str, author_name: Option<&str>) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = patterns()
        .iter()
        .flat_map(|re| re.find_iter(text).map(|m| (m.start(), m.end())))
        .collect();
    for word in author_name.unwrap_or_default().split_whitespace() {
        if word.chars().count() < 2 {
            continue;
        }
        let Ok(re) = Regex::new(&format!(r"(?i)\b{}\b", regex::escape(word))) else {
            continue;
        };
        spans.extend(re.find_iter(text).map(|m| (m.start(), m.end())));
    }
    spans.sort_unstable();
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    let mut at = 0;
    for (start, end) in spans {
        if start >= at {
            kept.push((start, end));
            at = end;
        }
    }
    kept
}

/// Masks e-mails, phone numbers, IINs and the words of the author's own name.
pub fn suggest(text: &str, author_name: Option<&str>) -> Redaction {
    let mut redaction = Redaction::default();
    for segment in highlight(text, author_name) {
        if segment.personal {
            redaction.text.push_str(MASK);
            redaction.masked.push(segment.text);
        } else {
            redaction.text.push_str(&segment.text);
        }
    }
    redaction
}

/// A piece of a text, and whether it looks like personal data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub personal: bool,
}

/// The text cut into pieces, those that look like personal data marked: what a preview
/// highlights before anything is published.
pub fn highlight(text: &str, author_name: Option<&str>) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut at = 0;
    let mut push = |from: usize, to: usize, personal: bool| {
        if to > from {
            segments.push(Segment {
                text: text.get(from..to).unwrap_or_default().to_string(),
                personal,
            });
        }
    };
    for (start, end) in spans(text, author_name) {
        push(at, start, false);
        push(start, end, true);
        at = end;
    }
    push(at, text.len(), false);
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_iins_and_the_authors_name_are_masked() {
        let cases = [
            (
                "Thank you, the inspector found my bag. Call me at +7 701 555 12 34.",
                None,
                "Thank you, the inspector found my bag. Call me at […].",
            ),
            (
                "Пишите на aigerim.n@mail.kz или 8 (701) 234-56-78",
                None,
                "Пишите на […] или […]",
            ),
            (
                "Мой ИИН 900101300017, спасибо",
                None,
                "Мой ИИН […], спасибо",
            ),
            (
                "Спасибо от Айгерим Нурлановны и Айгерим",
                Some("Айгерим"),
                "Спасибо от […] Нурлановны и […]",
            ),
            (
                "Room 101 at 18:00 on 24.12.2026",
                None,
                "Room 101 at 18:00 on 24.12.2026",
            ),
        ];
        for (text, author, expected) in cases {
            assert_eq!(suggest(text, author).text, expected, "{text}");
        }
        let r = suggest("call +7 701 555 12 34, Aigerim", Some("Aigerim"));
        assert_eq!(r.masked, ["+7 701 555 12 34", "Aigerim"]);
    }

    #[test]
    fn a_preview_marks_what_looks_personal_and_keeps_every_character() {
        let text = "Aigerim thanks you: +7 701 555 12 34!";
        let segments = highlight(text, Some("Aigerim"));
        let marked: Vec<(&str, bool)> = segments
            .iter()
            .map(|s| (s.text.as_str(), s.personal))
            .collect();
        assert_eq!(
            marked,
            [
                ("Aigerim", true),
                (" thanks you: ", false),
                ("+7 701 555 12 34", true),
                ("!", false)
            ]
        );
        let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        assert!(highlight("nothing here", None).iter().all(|s| !s.personal));
    }
}
