//! What residents send: kinds, categories, statuses, and the values a form is parsed into.
//! Once a value is a `Phone`, it is a valid Kazakhstan number ("parse, don't validate").

use rand::RngExt;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "submission_kind", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SubmissionKind {
    Thanks,
    Complaint,
    Request,
}

impl SubmissionKind {
    pub fn code(self) -> &'static str {
        match self {
            SubmissionKind::Thanks => "thanks",
            SubmissionKind::Complaint => "complaint",
            SubmissionKind::Request => "request",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SubmissionKind::Thanks => "kind-thanks",
            SubmissionKind::Complaint => "kind-complaint",
            SubmissionKind::Request => "kind-request",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "submission_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStatus {
    New,
    InReview,
    Published,
    Answered,
    Forwarded,
    Rejected,
    Extended,
    Closed,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 8] = [
        SubmissionStatus::New,
        SubmissionStatus::InReview,
        SubmissionStatus::Published,
        SubmissionStatus::Answered,
        SubmissionStatus::Forwarded,
        SubmissionStatus::Rejected,
        SubmissionStatus::Extended,
        SubmissionStatus::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SubmissionStatus::New => "new",
            SubmissionStatus::InReview => "in_review",
            SubmissionStatus::Published => "published",
            SubmissionStatus::Answered => "answered",
            SubmissionStatus::Forwarded => "forwarded",
            SubmissionStatus::Rejected => "rejected",
            SubmissionStatus::Extended => "extended",
            SubmissionStatus::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn key(self) -> &'static str {
        match self {
            SubmissionStatus::New => "submission-status-new",
            SubmissionStatus::InReview => "submission-status-in-review",
            SubmissionStatus::Published => "submission-status-published",
            SubmissionStatus::Answered => "submission-status-answered",
            SubmissionStatus::Forwarded => "submission-status-forwarded",
            SubmissionStatus::Rejected => "submission-status-rejected",
            SubmissionStatus::Extended => "submission-status-extended",
            SubmissionStatus::Closed => "submission-status-closed",
        }
    }
}

/// Categories of requests: (code, message key).
pub const CATEGORIES: [(&str, &str); 7] = [
    ("public_order", "category-public-order"),
    ("noise", "category-noise"),
    ("road_safety", "category-road-safety"),
    ("domestic_conflict", "category-domestic-conflict"),
    ("meeting_with_inspector", "category-meeting-with-inspector"),
    ("new_post_location", "category-new-post-location"),
    ("other", "category-other"),
];

pub fn category_key(code: &str) -> Option<&'static str> {
    CATEGORIES.iter().find(|(c, _)| *c == code).map(|(_, k)| *k)
}

/// Free text as stored: Unicode NFC, control characters removed (line breaks and tabs kept),
/// trimmed. Script or SQL-looking text is kept verbatim: it is data, escaped when shown.
pub fn clean_text(text: &str, multiline: bool) -> String {
    let normalized: String = text
        .nfc()
        .filter(|c| !c.is_control() || (multiline && (*c == '\n' || *c == '\t')))
        .collect();
    let normalized = normalized.replace("\r\n", "\n");
    normalized.trim().to_string()
}

/// A Kazakhstan phone number, normalised to +7XXXXXXXXXX.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Accepts +7 701 234 56 78, 8 (701) 234-56-78, 87012345678, 7012345678 ...
    pub fn parse(text: &str) -> Option<Phone> {
        let text = text.trim();
        if text.is_empty()
            || !text
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c))
            || text.chars().skip(1).any(|c| c == '+')
        {
            return None;
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
            10 => &digits[..],
            _ => return None,
        };
        // Kazakhstan's numbers, mobile (7xx) and fixed (7xxx), all start with 7 after +7.
        if !national.starts_with('7') {
            return None;
        }
        Some(Phone(format!("+7{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An individual identification number (ИИН): 12 digits, a valid birth date, the check digit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Iin(String);

impl Iin {
    pub fn parse(text: &str) -> Option<Iin> {
        let digits: Vec<u32> = text
            .trim()
            .chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()?;
        if digits.len() != 12 {
            return None;
        }
        let (yy, mm, dd) = (
            digits[0] * 10 + digits[1],
            digits[2] * 10 + digits[3],
            digits[4] * 10 + digits[5],
        );
        let century = match digits[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            // Digit 0 is used by some older numbers; accept any century for it.
            0 => 1900,
            _ => return None,
        };
        chrono::NaiveDate::from_ymd_opt((century + yy) as i32, mm, dd)?;
        let weighted = |weights: [u32; 11]| {
            digits[..11]
                .iter()
                .zip(weights)
                .map(|(d, w)| d * w)
                .sum::<u32>()
                % 11
        };
        let mut check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        if check == 10 {
            check = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
            if check == 10 {
                return None;
            }
        }
        (check == digits[11]).then(|| Iin(digits.iter().map(|d| d.to_string()).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address as `validator` accepts it, at most 254 characters, lower-cased domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Option<Email> {
        use validator::ValidateEmail;
        let text = text.trim();
        if text.len() > 254 || !text.validate_email() {
            return None;
        }
        let (local, domain) = text.rsplit_once('@')?;
        Some(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const TRACKING_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new tracking number such as ATR-2611-4KQ7: city, year and month, four random symbols
/// (Crockford's alphabet: no I, L, O, U to misread).
pub fn new_tracking_number(city: &str, registered: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let mut rng = rand::rng();
    let suffix: String = (0..4)
        .map(|_| TRACKING_ALPHABET[rng.random_range(0..TRACKING_ALPHABET.len())] as char)
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
    fn kazakhstan_phone_numbers_are_normalised() {
        let cases = [
            ("+7 701 234 56 78", Some("+77012345678")),
            ("8 (701) 234-56-78", Some("+77012345678")),
            ("87012345678", Some("+77012345678")),
            ("7012345678", Some("+77012345678")),
            ("+7 7122 99-10-01", Some("+77122991001")),
            ("+7 912 345 67 89", None),
            ("+1 202 555 0101", None),
            ("701234567", None),
            ("+7701234567890", None),
            ("phone: 87012345678", None),
            ("8701+2345678", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Phone::parse(input).as_ref().map(Phone::as_str),
                expected,
                "{input:?}"
            );
        }
    }

    #[test]
    fn iins_need_a_birth_date_and_the_check_digit() {
        let cases = [
            ("900101300017", true),
            ("900101300014", false),
            ("901301300017", false),
            ("90010130001", false),
            ("9001013000177", false),
            ("90010130001a", false),
            ("000101500011", true),
            ("850715401236", true),
            ("850715901236", false),
        ];
        for (input, valid) in cases {
            assert_eq!(Iin::parse(input).is_some(), valid, "{input}");
        }
    }

    #[test]
    fn emails_are_checked_and_their_domain_lower_cased() {
        assert_eq!(
            Email::parse(" Aigerim@Mail.KZ ")
                .as_ref()
                .map(Email::as_str),
            Some("Aigerim@mail.kz")
        );
        for bad in [
            "aigerim",
            "a@",
            "@mail.kz",
            "a b@mail.kz",
            &format!("{}@mail.kz", "a".repeat(250)),
        ] {
            assert!(Email::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn text_is_normalised_and_control_characters_removed() {
        assert_eq!(
            clean_text("  e\u{301}\u{0}x\r\nline\u{7}  ", true),
            "éx\nline"
        );
        assert_eq!(clean_text("a\nb", false), "ab");
        let script = "<script>alert(1)</script>'; DROP TABLE submissions; --";
        assert_eq!(clean_text(script, true), script);
    }

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
