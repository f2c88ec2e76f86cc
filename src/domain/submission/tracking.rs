//! Tracking numbers: made readable, and read forgivingly when typed back.

use rand::RngExt;

const TRACKING_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new tracking number such as ATR-2611-4KQ7: city, year and month, four random symbols
/// (Crockford's alphabet: no I, L, O, U to misread).
pub fn new_tracking_number(city: &str, registered: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let mut rng = rand::rng();
    let suffix: String = (0..4)
        .filter_map(|_| TRACKING_ALPHABET.get(rng.random_range(0..TRACKING_ALPHABET.len())))
        .map(|b| *b as char)
        .collect();
    format!(
        "{city}-{:02}{:02}-{suffix}",
        registered.year() % 100,
        registered.month()
    )
}

/// A character as typed, read as the Latin letter or digit it looks like: upper case, the
/// Cyrillic letters that share a shape with Latin ones (a keyboard left in Russian or Kazakh),
/// and full-width forms. Anything else is kept as it is.
fn look_alike(c: char) -> char {
    let c = c.to_uppercase().next().unwrap_or(c);
    match c {
        'А' => 'A',
        'В' => 'B',
        'Е' | 'Ё' => 'E',
        'К' | 'Қ' => 'K',
        'М' => 'M',
        'Н' | 'Ң' => 'H',
        'О' | 'Ө' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' | 'Ү' | 'Ұ' => 'Y',
        'Х' | 'Һ' => 'X',
        'З' => '3',
        '０'..='９' | 'Ａ'..='Ｚ' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// Spaces, dashes of every kind, dots and underscores: what people type between groups.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '−' | '.' | '_' | '/')
}

/// A symbol of Crockford's alphabet as read in a number's digits or its random part: O is 0,
/// I and L are 1.
fn crockford(c: char) -> char {
    match c {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    }
}

/// A typed tracking number in its stored form, forgiving what a phone's keyboard does to it:
/// any case, Cyrillic look-alikes (АТR-2611-ТКW3), O for 0, spaces or other dashes between the
/// groups, or none at all (atr26114kq7).
pub fn normalize_tracking_number(text: &str) -> Option<String> {
    let symbols: Vec<char> = text
        .chars()
        .filter(|c| !is_separator(*c))
        .map(look_alike)
        .collect();
    let [a, b, c, rest @ ..] = symbols.as_slice() else {
        return None;
    };
    // The city is letters: a 0 typed there is an O.
    let city: String = [a, b, c]
        .iter()
        .map(|c| if **c == '0' { 'O' } else { **c })
        .collect();
    let rest: String = rest.iter().map(|c| crockford(*c)).collect();
    let (period, suffix) = (rest.get(..4)?, rest.get(4..)?);
    if !city.chars().all(|c| c.is_ascii_uppercase())
        || period.len() != 4
        || !period.chars().all(|c| c.is_ascii_digit())
        || suffix.len() != 4
        || !suffix.bytes().all(|b| TRACKING_ALPHABET.contains(&b))
    {
        return None;
    }
    Some(format!("{city}-{period}-{suffix}"))
}

/// A typed tracking key in its printed form, forgiven as the number is.
pub fn normalize_tracking_key(text: &str) -> String {
    text.chars()
        .filter(|c| !is_separator(*c))
        .map(|c| crockford(look_alike(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_numbers_are_readable_and_typed_forgivingly() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let number = new_tracking_number("ATR", date);
        assert!(number.starts_with("ATR-2611-"), "{number}");
        assert_eq!(normalize_tracking_number(&number), Some(number.clone()));
        assert_eq!(
            normalize_tracking_number(" atr-2611-4kqo "),
            Some("ATR-2611-4KQ0".into())
        );
        // A keyboard left in Russian or Kazakh: Cyrillic А, Т, К, О; spaces; no dashes.
        assert_eq!(
            normalize_tracking_number("АТR 2611 ТКW3"),
            Some("ATR-2611-TKW3".into())
        );
        assert_eq!(
            normalize_tracking_number("атr–2611–4кqо"),
            Some("ATR-2611-4KQ0".into())
        );
        assert_eq!(
            normalize_tracking_number("atr26114kq7"),
            Some("ATR-2611-4KQ7".into())
        );
        assert_eq!(
            normalize_tracking_number("ATR-26I1-4KQ7"),
            Some("ATR-2611-4KQ7".into())
        );
        assert_eq!(normalize_tracking_key(" 4кq7-ав 0о1l "), "4KQ7AB0011");
        for bad in [
            "",
            "ATR2611",
            "ATR-26-4KQ7",
            "ATR-2611-4KQ",
            "ATR-2611-4KQ!",
            "A-2611-4KQ7",
        ] {
            assert_eq!(normalize_tracking_number(bad), None, "{bad}");
        }
    }
}
