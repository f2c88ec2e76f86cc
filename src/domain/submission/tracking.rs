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

/// A typed tracking number in its stored form (upper case, O read as 0, I and L as 1).
pub fn normalize_tracking_number(text: &str) -> Option<String> {
    let upper: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let parts: Vec<&str> = upper.split('-').collect();
    let [city, period, suffix] = parts.as_slice() else {
        return None;
    };
    if city.len() != 3
        || !city.chars().all(|c| c.is_ascii_uppercase())
        || period.len() != 4
        || !period.chars().all(|c| c.is_ascii_digit())
        || suffix.len() != 4
    {
        return None;
    }
    let suffix: String = suffix
        .chars()
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if !suffix.bytes().all(|b| TRACKING_ALPHABET.contains(&b)) {
        return None;
    }
    Some(format!("{city}-{period}-{suffix}"))
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
