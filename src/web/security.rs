//! Keys derived from the portal's secret, CSRF tokens bound to the session, one-time form
//! tokens, tracking keys, and per-client rate limits.

use std::net::IpAddr;
use std::num::NonZeroU32;

use actix_session::Session;
use actix_web::HttpRequest;
use actix_web::http::header;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use hmac::{Hmac, KeyInit, Mac};
use rand::RngExt;
use sha2::{Digest, Sha256, Sha512};
use subtle::ConstantTimeEq;

use super::error::AppError;

const CSRF_SESSION_KEY: &str = "csrf";
/// The form field every POST form carries.
pub const CSRF_FIELD: &str = "csrf_token";

pub struct Secrets {
    master: Vec<u8>,
}

impl Secrets {
    pub fn new(secret: &str) -> Self {
        Self {
            master: Sha512::digest(secret.as_bytes()).to_vec(),
        }
    }

    /// 64 bytes for the session cookie's encryption and signing.
    pub fn cookie_key(&self) -> actix_web::cookie::Key {
        let mut bytes = Sha512::digest([&self.master[..], b"cookie"].concat()).to_vec();
        bytes.extend(Sha512::digest([&self.master[..], b"cookie-2"].concat()));
        actix_web::cookie::Key::from(&bytes)
    }

    fn mac(&self, label: &str, message: &str) -> Vec<u8> {
        // HMAC accepts keys of any length: new_from_slice cannot fail here.
        #[allow(clippy::expect_used)]
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.master)
            .expect("HMAC takes keys of any length");
        mac.update(label.as_bytes());
        mac.update(b"\0");
        mac.update(message.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// A one-time form token: a random nonce and its signature, so that only tokens this
    /// portal issued are accepted. Stored with the submission; a resend reuses it.
    pub fn new_form_token(&self) -> String {
        let nonce: [u8; 16] = rand::rng().random();
        let nonce = hex(&nonce);
        let signature = hex(&self.mac("form", &nonce)[..12]);
        format!("{nonce}.{signature}")
    }

    pub fn form_token_valid(&self, token: &str) -> bool {
        let Some((nonce, signature)) = token.split_once('.') else {
            return false;
        };
        if nonce.len() != 32 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
        let expected = hex(&self.mac("form", nonce)[..12]);
        expected.as_bytes().ct_eq(signature.as_bytes()).into()
    }

    /// The secret key printed on a receipt; derived, so it need not be stored.
    pub fn tracking_key(&self, tracking_number: &str) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        self.mac("track", tracking_number)
            .iter()
            .take(10)
            .map(|b| ALPHABET[(*b as usize) % 32] as char)
            .collect()
    }

    pub fn tracking_key_valid(&self, tracking_number: &str, key: &str) -> bool {
        let key = key.trim().to_uppercase();
        self.tracking_key(tracking_number)
            .as_bytes()
            .ct_eq(key.as_bytes())
            .into()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The session's CSRF token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    if let Ok(Some(token)) = session.get::<String>(CSRF_SESSION_KEY) {
        return token;
    }
    let bytes: [u8; 32] = rand::rng().random();
    let token = hex(&bytes);
    let _ = session.insert(CSRF_SESSION_KEY, &token);
    token
}

/// Refuses a POST whose token does not match the session's, or that comes from another site.
pub fn verify_csrf(req: &HttpRequest, session: &Session, submitted: &str) -> Result<(), AppError> {
    if let Some(site) = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return Err(AppError::Forbidden);
    }
    if let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        let host = req.connection_info().host().to_string();
        let origin_host = origin.split_once("://").map_or(origin, |(_, h)| h);
        if origin != "null" && origin_host != host {
            return Err(AppError::Forbidden);
        }
    }
    let expected = session
        .get::<String>(CSRF_SESSION_KEY)
        .ok()
        .flatten()
        .ok_or(AppError::Forbidden)?;
    if submitted.is_empty() || !bool::from(expected.as_bytes().ct_eq(submitted.as_bytes())) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// A limit of `per_minute` events per client address.
pub struct ClientLimiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
}

impl ClientLimiter {
    pub fn per_minute(per_minute: u32) -> Self {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: RateLimiter::keyed(Quota::per_minute(n)),
        }
    }

    /// Counts one event; false when the client is over its limit.
    pub fn allow(&self, client: IpAddr) -> bool {
        self.limiter.check_key(&client).is_ok()
    }
}

/// Sign-in attempts allowed per account and per client each minute.
pub const ATTEMPTS_PER_ACCOUNT: u32 = 5;
pub const ATTEMPTS_PER_CLIENT: u32 = 20;

/// Throttles for sign-in.
pub struct SignInLimits {
    account: DefaultKeyedRateLimiter<String>,
    client: DefaultKeyedRateLimiter<IpAddr>,
}

impl Default for SignInLimits {
    fn default() -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        Self {
            account: RateLimiter::keyed(quota(ATTEMPTS_PER_ACCOUNT)),
            client: RateLimiter::keyed(quota(ATTEMPTS_PER_CLIENT)),
        }
    }
}

impl SignInLimits {
    /// Counts one attempt for the account and the client; false when either is over.
    pub fn allow(&self, email: &str, client: IpAddr) -> bool {
        let account = self.account.check_key(&email.to_string()).is_ok();
        let client = self.client.check_key(&client).is_ok();
        account && client
    }
}

/// The client's address: the TCP peer (forwarded headers are not trusted).
pub fn client_ip(req: &HttpRequest) -> IpAddr {
    req.peer_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]))
}

/// A short tag of a client for logs and the audit log, never the address itself. It only
/// groups one client's lines: an unkeyed hash of an IPv4 address is reversed by trying all
/// 2^32 of them, so the tag is only as private as the log it is in.
pub fn client_tag(ip: IpAddr) -> String {
    hex(&Sha256::digest(ip.to_string().as_bytes())[..4])
}
