//! Passwords stored as argon2id, and checked in constant work whether the account exists.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    Ok(Argon2::default()
        .hash_password(password.as_bytes())?
        .to_string())
}

/// Whether `password` matches `hash`; `None` (no such account) checks against a hash no
/// password matches, so that a wrong e-mail takes as long as a wrong password.
pub fn password_matches(password: &str, hash: Option<&str>) -> bool {
    let verify = |hash: &str| {
        Argon2::default()
            .verify_password(password.as_bytes(), hash)
            .is_ok()
    };
    match hash {
        Some(hash) => verify(hash),
        None => {
            verify(dummy_hash());
            false
        }
    }
}

fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_matches_its_own_hash_only() {
        let hash = hash_password("correct horse battery").unwrap_or_default();
        assert!(password_matches("correct horse battery", Some(&hash)));
        assert!(!password_matches("correct horse battery!", Some(&hash)));
        assert!(!password_matches("no account has this password", None));
    }
}
