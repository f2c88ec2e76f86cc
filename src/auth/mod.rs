//! Staff authentication that needs no HTTP: password hashing and the rules a password meets.

pub mod password;

pub use password::{MIN_PASSWORD_CHARS, hash_password, password_matches};
