//! Who a resident is and how they can be reached: a Kazakhstan phone, an e-mail, an IIN.
//! Once a value is a `Phone`, it is a valid number ("parse, don't validate").

use super::new::{Draft, Errors, FormKind, NAME_MAX, too_long};
use super::{SubmissionKind, clean_text};

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
            11 if digits.starts_with('7') || digits.starts_with('8') => digits.get(1..)?,
            10 => digits.as_str(),
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

    /// As people read it: +7 701 234 56 78.
    pub fn spaced(&self) -> String {
        spaced(&self.0)
    }
}

/// A stored +7XXXXXXXXXX number as people read it (+7 701 234 56 78); anything else as it is.
pub fn spaced(phone: &str) -> String {
    let national = phone
        .strip_prefix("+7")
        .filter(|n| n.len() == 10 && n.is_ascii());
    match national {
        Some(n) => format!("+7 {} {} {} {}", &n[..3], &n[3..6], &n[6..8], &n[8..]),
        None => phone.to_string(),
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
        let digits: [u32; 12] = digits.try_into().ok()?;
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
            digits
                .iter()
                .take(11)
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

/// Who sent a submission and how to answer them; absent for an anonymous thanks. Consent to
/// processing personal data was given, or there would be no author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub iin: Option<Iin>,
}

/// Only a thanks may be anonymous, and an anonymous thanks keeps no personal data, even if
/// some was typed. Everyone else gives a name and consent; complaints and requests need a
/// phone or an e-mail to be answered at (the Administrative Procedural Code).
pub(super) fn parse_author(
    form: FormKind,
    kind: Option<SubmissionKind>,
    draft: &Draft,
    errors: &mut Errors,
) -> Option<Author> {
    // The request form has no such box.
    let anonymous = form == FormKind::Feedback && draft.anonymous;
    let thanks = kind == Some(SubmissionKind::Thanks);
    if anonymous && !thanks {
        errors.add("anonymous", "form-error-anonymous");
    }
    if anonymous && thanks {
        return None;
    }
    let name = clean_text(draft.name, false);
    if name.chars().count() < 2 {
        errors.add("name", "form-error-name");
    } else if too_long(&name, NAME_MAX) {
        errors.add("name", "form-error-too-long");
    }
    let phone = optional(
        draft.phone,
        Phone::parse,
        "phone",
        "form-error-phone",
        errors,
    );
    let email = optional(
        draft.email,
        Email::parse,
        "email",
        "form-error-email",
        errors,
    );
    if !thanks && draft.phone.trim().is_empty() && draft.email.trim().is_empty() {
        errors.add("phone", "form-error-contact");
    }
    let iin = optional(draft.iin, Iin::parse, "iin", "form-error-iin", errors);
    if !draft.consent {
        errors.add("consent", "form-error-consent");
    }
    Some(Author {
        name,
        phone,
        email,
        iin,
    })
}

fn optional<T>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    field: &'static str,
    key: &'static str,
    errors: &mut Errors,
) -> Option<T> {
    if text.trim().is_empty() {
        return None;
    }
    parse(text).or_else(|| {
        errors.add(field, key);
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_phone_is_shown_in_groups() {
        let cases = [
            ("+77012345678", "+7 701 234 56 78"),
            ("+77122202020", "+7 712 220 20 20"),
            ("+7701", "+7701"),
            ("102", "102"),
        ];
        for (stored, shown) in cases {
            assert_eq!(spaced(stored), shown, "{stored}");
        }
    }

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
}
