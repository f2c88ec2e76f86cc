//! Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30-second steps: what common
//! authenticator apps use), the `otpauth://` address their QR code carries, and recovery codes.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Seconds per step.
pub const STEP_SECS: i64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;
/// Bytes of a secret (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// Recovery codes issued at once.
pub const RECOVERY_CODES: usize = 10;

/// The step a moment (seconds since the epoch) falls in.
pub fn step_of(unix_secs: i64) -> i64 {
    unix_secs.div_euclid(STEP_SECS)
}

/// The code of a step (RFC 4226's HOTP with the step as counter), with `digits` digits.
pub fn code_at(secret: &[u8], step: i64, digits: u32) -> u32 {
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(secret) else {
        return 0;
    };
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash.last().copied().unwrap_or(0) & 0x0f);
    let word = hash
        .get(offset..offset + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_be_bytes);
    (word & 0x7fff_ffff) % 10u32.pow(digits)
}

/// The step a typed code matches, allowing one step of clock drift either way; None when it
/// matches none. Spaces and dashes are ignored, as apps show "123 456".
pub fn matching_step(secret: &[u8], typed: &str, now_step: i64) -> Option<i64> {
    let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != DIGITS as usize || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let code: u32 = digits.parse().ok()?;
    (now_step - 1..=now_step + 1).find(|&step| code_at(secret, step, DIGITS) == code)
}

/// The secret as apps take it typed: Base32, in groups of four.
pub fn secret_text(secret: &[u8]) -> String {
    let text = BASE32_NOPAD.encode(secret);
    text.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `otpauth://totp/` address of the QR code (the Key Uri Format apps read).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        enc(issuer),
        enc(account),
        BASE32_NOPAD.encode(secret),
        enc(issuer)
    )
}

/// A recovery code as shown: 16 Base32 characters (80 bits) from random bytes, in groups.
pub fn recovery_code(random: &[u8; 10]) -> String {
    secret_text(random).replace(' ', "-")
}

/// The hash a recovery code is kept as; case, spaces and dashes do not matter.
pub fn recovery_hash(typed: &str) -> Vec<u8> {
    let normal: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Sha256::digest(normal.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, with its 8-digit codes.
    #[test]
    fn the_rfc_6238_test_vectors_hold() {
        let secret = b"12345678901234567890";
        let vectors = [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ];
        for (time, code) in vectors {
            assert_eq!(code_at(secret, step_of(time), 8), code, "T = {time}");
        }
        assert_eq!(code_at(secret, step_of(59), 6), 287_082);
    }

    #[test]
    fn a_code_matches_its_step_and_its_neighbours_only() {
        let secret = b"12345678901234567890";
        let now = step_of(1_111_111_109);
        let code = format!("{:06}", code_at(secret, now, DIGITS));
        assert_eq!(matching_step(secret, &code, now), Some(now));
        assert_eq!(matching_step(secret, &code, now + 1), Some(now));
        assert_eq!(matching_step(secret, &code, now + 2), None);
        let spaced = format!(
            "{} {}",
            code.get(..3).unwrap_or(""),
            code.get(3..).unwrap_or("")
        );
        assert_eq!(matching_step(secret, &spaced, now), Some(now));
        for wrong in ["", "12345", "1234567", "abcdef"] {
            assert_eq!(matching_step(secret, wrong, now), None, "{wrong}");
        }
    }

    #[test]
    fn the_address_and_the_typed_secret_are_what_apps_read() {
        let secret = b"12345678901234567890";
        assert_eq!(
            secret_text(secret),
            "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
        );
        assert_eq!(
            otpauth_uri("Police portal", "a@b.kz", secret),
            "otpauth://totp/Police%20portal:a%40b.kz?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Police%20portal&algorithm=SHA1&digits=6&period=30"
        );
        let code = recovery_code(&[7; 10]);
        assert_eq!(code.len(), 19);
        assert_eq!(
            recovery_hash(&code.to_lowercase().replace('-', " ")),
            recovery_hash(&code)
        );
    }
}
