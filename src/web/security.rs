//! Keys derived from the portal's secret, CSRF tokens bound to the session, one-time form
//! tokens, tracking keys, and per-client rate limits.

use std::net::IpAddr;

use actix_session::Session;
use actix_web::HttpRequest;
use actix_web::http::header;
use hmac::{Hmac, KeyInit, Mac};
use rand::RngExt;
use sha2::{Digest, Sha256, Sha512};
use subtle::ConstantTimeEq;

use sqlx::PgPool;

use super::error::AppError;
use crate::store::limits;

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

    fn form_signature(&self, nonce: &str, session_csrf: &str) -> String {
        let mac = self.mac("form", &format!("{nonce}\0{session_csrf}"));
        hex(mac.get(..12).unwrap_or_default())
    }

    /// A one-time form token: a random nonce signed together with the session's CSRF token,
    /// so that only tokens this portal gave this session are accepted (a used token sent
    /// from another session never reaches the first sender's receipt). Stored with the
    /// submission; a resend reuses it.
    pub fn new_form_token(&self, session_csrf: &str) -> String {
        let nonce: [u8; 16] = rand::rng().random();
        let nonce = hex(&nonce);
        let signature = self.form_signature(&nonce, session_csrf);
        format!("{nonce}.{signature}")
    }

    pub fn form_token_valid(&self, token: &str, session_csrf: &str) -> bool {
        let Some((nonce, signature)) = token.split_once('.') else {
            return false;
        };
        if nonce.len() != 32 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
        let expected = self.form_signature(nonce, session_csrf);
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

    /// The signature of a link in a message to the resident: `purpose` is what it may do
    /// ("quiet" to stop the messages the law does not require, "survey:{round}" to answer
    /// a questionnaire), for one appeal.
    pub fn reply_token(&self, tracking_number: &str, purpose: &str) -> String {
        const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
        // 60 bits: short enough for an SMS, and a wrong guess is as good as any other.
        self.mac("reply", &format!("{tracking_number}\0{purpose}"))
            .iter()
            .take(12)
            .map(|b| ALPHABET[(*b as usize) % 32] as char)
            .collect()
    }

    pub fn reply_token_valid(&self, tracking_number: &str, purpose: &str, token: &str) -> bool {
        self.reply_token(tracking_number, purpose)
            .as_bytes()
            .ct_eq(token.trim().as_bytes())
            .into()
    }

    /// The device token of an account: set in a browser that signed in, so that the
    /// account's throttle never locks that browser out.
    pub fn device_token(&self, email: &str) -> String {
        hex(&self.mac("device", email))
    }

    /// A short tag of a client for logs and the audit log, never the address itself: a MAC
    /// under the portal's secret, so that it cannot be reversed by trying every address.
    pub fn client_tag(&self, ip: IpAddr) -> String {
        hex(self
            .mac("client", &ip.to_string())
            .get(..8)
            .unwrap_or_default())
    }

    pub fn tracking_key_valid(&self, tracking_number: &str, key: &str) -> bool {
        let key = crate::domain::submission::normalize_tracking_key(key);
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

/// A limit of `per_window` events per key and window, counted in PostgreSQL so that every
/// instance counts together; memory does not grow with the keys clients send.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    name: &'static str,
    per_window: u32,
    window_secs: i32,
}

impl Limit {
    pub const fn per_minute(name: &'static str, per_window: u32) -> Self {
        Self {
            name,
            per_window,
            window_secs: 60,
        }
    }

    /// This limit for one key (a client address, an account), as the store counts it.
    pub fn counted(&self, secrets: &Secrets, key: &str) -> limits::Counted {
        limits::Counted {
            key: secrets.mac("limit", &format!("{}\0{key}", self.name)),
            window_secs: self.window_secs,
            per_window: i32::try_from(self.per_window.max(1)).unwrap_or(i32::MAX),
        }
    }

    /// Counts one event; false when `key` is over the limit.
    pub async fn allow(
        &self,
        pool: &PgPool,
        secrets: &Secrets,
        key: &str,
    ) -> Result<bool, sqlx::Error> {
        limits::allow(pool, &self.counted(secrets, key)).await
    }

    /// Whether `key` has used up its limit already, without counting an event.
    pub async fn exhausted(
        &self,
        pool: &PgPool,
        secrets: &Secrets,
        key: &str,
    ) -> Result<bool, sqlx::Error> {
        limits::exhausted(pool, &self.counted(secrets, key)).await
    }
}

/// Sign-in attempts allowed each minute per client, per account from one browser, and per
/// account from anywhere (not counted for a browser that signed in to the account before).
pub const ATTEMPTS_PER_CLIENT: u32 = 20;
pub const ATTEMPTS_PER_ACCOUNT_AND_BROWSER: u32 = 5;
pub const ATTEMPTS_PER_ACCOUNT: u32 = 30;

/// Throttles for sign-in. An attacker can slow an account down, but not lock its owner out:
/// a browser that signed in before carries a device token and has a bucket of its own.
pub struct SignInLimits {
    client: Limit,
    account_and_browser: Limit,
    account: Limit,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            client: Limit::per_minute("sign-in-client", ATTEMPTS_PER_CLIENT),
            account_and_browser: Limit::per_minute(
                "sign-in-account-browser",
                ATTEMPTS_PER_ACCOUNT_AND_BROWSER,
            ),
            account: Limit::per_minute("sign-in-account", ATTEMPTS_PER_ACCOUNT),
        }
    }
}

/// Who tries to sign in, from where.
pub struct SignInAttempt<'a> {
    pub email: &'a str,
    pub client: IpAddr,
    /// The browser carries this account's device token from an earlier sign-in.
    pub known_device: bool,
}

impl SignInLimits {
    /// Counts one attempt; false when any throttle that applies is over.
    pub async fn allow(
        &self,
        pool: &PgPool,
        secrets: &Secrets,
        attempt: &SignInAttempt<'_>,
    ) -> Result<bool, sqlx::Error> {
        let client = attempt.client.to_string();
        let browser = format!("{}\0{client}\0{}", attempt.email, attempt.known_device);
        let by_client = self.client.allow(pool, secrets, &client).await?;
        let by_browser = self
            .account_and_browser
            .allow(pool, secrets, &browser)
            .await?;
        let by_account =
            attempt.known_device || self.account.allow(pool, secrets, attempt.email).await?;
        Ok(by_client && by_browser && by_account)
    }
}

/// The reverse proxies the settings trust.
fn trusted_proxies(req: &HttpRequest) -> &[ipnet::IpNet] {
    req.app_data::<actix_web::web::Data<super::state::AppState>>()
        .map_or(&[], |s| s.settings.trusted_proxies.as_slice())
}

/// Whether a trusted proxy says the client used HTTPS (`X-Forwarded-Proto: https`); from
/// anyone else the header is ignored.
pub fn forwarded_https(req: &HttpRequest) -> bool {
    let trusted = trusted_proxies(req);
    let from_proxy = req
        .peer_addr()
        .is_some_and(|a| trusted.iter().any(|net| net.contains(&a.ip())));
    from_proxy
        && req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// The client's address: the TCP peer, or, when the peer is a trusted proxy, the rightmost
/// address in `X-Forwarded-For` that is not one of the trusted proxies. Nothing a client
/// sends past an untrusted hop is believed, so a resident cannot choose their address.
pub fn client_ip(req: &HttpRequest) -> IpAddr {
    let peer = req
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let trusted = trusted_proxies(req);
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            // A hop that is not an address: nothing left of it can be believed.
            return client;
        };
        client = ip;
        if !is_trusted(&ip) {
            return ip;
        }
    }
    client
}
