//! Settings from the environment, each with a default that works on a fresh machine.

use std::path::PathBuf;
use std::str::FromStr;

use chrono_tz::Tz;

use crate::domain::beat::Bounds;
use sqlx::postgres::PgConnectOptions;

mod notify;

pub use notify::NotifySettings;

/// A setting that could not be read; its `Display` is one sentence for the operator.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "DATABASE_URL is not a valid PostgreSQL URL ({0}); use the form postgres://user:password@host:5432/database"
    )]
    DatabaseUrl(String),
    #[error("PORTAL_TIME_ZONE '{0}' is not a known IANA time zone; use a name such as Asia/Atyrau")]
    TimeZone(String),
    #[error("PORTAL_ADDR '{0}' is not an address to listen on; use the form 127.0.0.1:8080")]
    Addr(String),
    #[error(
        "PORTAL_CITY_BOUNDS '{0}' is not a box; use min_lon,min_lat,max_lon,max_lat such as 51.70,47.00,52.10,47.30"
    )]
    CityBounds(String),
    #[error(
        "PORTAL_TRUSTED_PROXIES has '{0}', which is not an address or a network such as 10.0.0.0/8"
    )]
    TrustedProxies(String),
    #[error("PORTAL_SECRET_KEY is too short; use at least 32 characters")]
    SecretTooShort,
    #[error("{0} '{1}' is not a whole number from 1 to 100000")]
    Rate(&'static str, String),
    #[error("{0} '{1}' is not a whole number of minutes from 1 to 10080")]
    Minutes(&'static str, String),
    #[error("{0} '{1}' is not a whole number from {2} to {3}")]
    Number(&'static str, String, u64, u64),
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// An external server; when `None` the portal runs its own private cluster.
    pub database: Option<PgConnectOptions>,
    /// The owner of the tables on an external server, for migrations and commands
    /// (`DATABASE_OWNER_URL`); without it `database` is used for both.
    pub database_owner: Option<PgConnectOptions>,
    /// Kept to hand to pg_dump and pg_restore.
    pub database_owner_url: Option<String>,
    /// Kept only to print it masked in `check`.
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    /// Where to look for `initdb` and `postgres` instead of PATH and /usr/lib/postgresql.
    pub pg_bin_dir: Option<PathBuf>,
    pub addr: String,
    pub time_zone: Tz,
    pub tile_url: String,
    pub static_dir: PathBuf,
    /// Load the demo data set into an empty database on start.
    pub demo_data: bool,
    /// Beats imported outside this box are refused.
    pub city_bounds: Bounds,
    /// Signs sessions, form tokens and tracking keys; from PORTAL_SECRET_KEY, else kept in
    /// the database (see `startup::shared_secret`).
    pub secret_key: Option<String>,
    /// Submissions one client may send per minute.
    pub submissions_per_minute: u32,
    /// Requests one Open311 API key may file per minute.
    pub open311_per_minute: u32,
    /// Three-letter code at the start of tracking numbers.
    pub city_code: String,
    /// Mark cookies Secure (set when the portal is served over HTTPS).
    pub secure_cookies: bool,
    /// Two-factor sign-in required for administrators (`PORTAL_TWO_FACTOR_ADMINS`, on unless
    /// `0`/`false`) and for moderators (`PORTAL_TWO_FACTOR_MODERATORS`, off unless `1`/`true`).
    pub two_factor_admins: bool,
    pub two_factor_moderators: bool,
    /// A bearer token that opens `/metrics` to more than loopback (`PORTAL_METRICS_TOKEN`).
    pub metrics_token: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`PORTAL_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// A staff session ends after this long without a request.
    pub staff_idle_timeout: std::time::Duration,
    /// A staff session ends this long after sign-in, however active.
    pub staff_session_lifetime: std::time::Duration,
    /// How messages to residents leave: SMTP and an SMS gateway, or files under
    /// `data_dir/outbox/` when neither is set.
    pub notify: NotifySettings,
}

fn minutes(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u64,
) -> Result<u64, ConfigError> {
    match lookup(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=10_080).contains(n))
            .ok_or(ConfigError::Minutes(name, v)),
    }
}

/// Events per minute, 1 to 100,000.
fn rate(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    match lookup(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .ok_or(ConfigError::Rate(name, v)),
    }
}

pub const DEFAULT_CITY_BOUNDS: &str = "51.70,47.00,52.10,47.30";

/// `127.0.0.1, 10.0.0.0/8, ::1` as networks; an address alone is a network of one.
fn parse_proxies(text: Option<&str>) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    text.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<ipnet::IpNet>()
                .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .ok()
                .ok_or_else(|| ConfigError::TrustedProxies(p.to_string()))
        })
        .collect()
}

fn parse_bounds(text: &str) -> Result<Bounds, ConfigError> {
    let err = || ConfigError::CityBounds(text.to_string());
    let n: Vec<f64> = text
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()
        .ok_or_else(&err)?;
    match n.as_slice() {
        [a, b, c, d] if a < c && b < d => Ok(Bounds {
            min_lon: *a,
            min_lat: *b,
            max_lon: *c,
            max_lat: *d,
        }),
        _ => Err(err()),
    }
}

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_TIME_ZONE: &str = "Asia/Atyrau";
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads settings through `lookup`, so that tests can supply their own environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url = lookup("DATABASE_URL");
        let database = database_url
            .as_deref()
            .map(parse_database_url)
            .transpose()?;
        let database_owner_url = lookup("DATABASE_OWNER_URL");
        let database_owner = database_owner_url
            .as_deref()
            .map(parse_database_url)
            .transpose()?;
        let tz_name = lookup("PORTAL_TIME_ZONE").unwrap_or_else(|| DEFAULT_TIME_ZONE.into());
        let time_zone = Tz::from_str(&tz_name)
            .ok()
            .ok_or(ConfigError::TimeZone(tz_name))?;
        let addr = lookup("PORTAL_ADDR").unwrap_or_else(|| DEFAULT_ADDR.into());
        let public_url = lookup("PORTAL_PUBLIC_URL")
            .filter(|v| !v.is_empty())
            .map(|v| v.trim_end_matches('/').to_string());
        if addr.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::Addr(addr));
        }
        let static_dir = lookup("PORTAL_STATIC_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(default_static_dir);
        Ok(Self {
            database,
            database_owner,
            database_owner_url,
            database_url,
            data_dir: lookup("PORTAL_DATA_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(".data")),
            pg_bin_dir: lookup("PORTAL_PG_BIN_DIR").map(PathBuf::from),
            addr,
            time_zone,
            tile_url: lookup("PORTAL_TILE_URL").unwrap_or_else(|| DEFAULT_TILE_URL.into()),
            static_dir,
            demo_data: lookup("PORTAL_DEMO_DATA").is_none_or(|v| v != "0" && v != "false"),
            city_bounds: parse_bounds(
                &lookup("PORTAL_CITY_BOUNDS").unwrap_or_else(|| DEFAULT_CITY_BOUNDS.into()),
            )?,
            secret_key: match lookup("PORTAL_SECRET_KEY") {
                Some(k) if k.chars().count() < 32 => return Err(ConfigError::SecretTooShort),
                other => other,
            },
            submissions_per_minute: rate(&lookup, "PORTAL_SUBMISSIONS_PER_MINUTE", 5)?,
            open311_per_minute: rate(&lookup, "PORTAL_OPEN311_PER_MINUTE", 30)?,
            city_code: "ATR".into(),
            secure_cookies: lookup("PORTAL_SECURE_COOKIES")
                .is_some_and(|v| v == "1" || v == "true"),
            two_factor_admins: lookup("PORTAL_TWO_FACTOR_ADMINS")
                .is_none_or(|v| !(v == "0" || v == "false")),
            two_factor_moderators: lookup("PORTAL_TWO_FACTOR_MODERATORS")
                .is_some_and(|v| v == "1" || v == "true"),
            trusted_proxies: parse_proxies(lookup("PORTAL_TRUSTED_PROXIES").as_deref())?,
            metrics_token: lookup("PORTAL_METRICS_TOKEN"),
            notify: NotifySettings::from_lookup(&lookup, public_url)?,
            staff_idle_timeout: std::time::Duration::from_secs(
                60 * minutes(&lookup, "PORTAL_STAFF_IDLE_MINUTES", 30)?,
            ),
            staff_session_lifetime: std::time::Duration::from_secs(
                60 * minutes(&lookup, "PORTAL_STAFF_SESSION_MINUTES", 12 * 60)?,
            ),
        })
    }

    /// A key to offer as the shared secret when none is configured: the `secret.key` an
    /// earlier version kept in the data directory (so that its receipts stay valid), else a
    /// new random one.
    pub fn secret_candidate(&self) -> String {
        match std::fs::read_to_string(self.data_dir.join("secret.key")) {
            Ok(text) if text.trim().len() >= 32 => text.trim().to_string(),
            _ => {
                use rand::RngExt;
                let bytes: [u8; 64] = rand::rng().random();
                bytes.iter().map(|b| format!("{b:02x}")).collect()
            }
        }
    }

    /// The settings as `check` prints them, with the database password masked.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let database = match &self.database_url {
            Some(url) => mask_password(url),
            None => format!(
                "(unset: private cluster in {})",
                self.data_dir.join("pg").display()
            ),
        };
        let mut all = vec![
            ("DATABASE_URL", database),
            ("PORTAL_DATA_DIR", self.data_dir.display().to_string()),
            (
                "PORTAL_PG_BIN_DIR",
                self.pg_bin_dir
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "(unset: PATH, then /usr/lib/postgresql/*/bin)".into()),
            ),
            ("PORTAL_ADDR", self.addr.clone()),
            ("PORTAL_TIME_ZONE", self.time_zone.name().to_string()),
            ("PORTAL_TILE_URL", self.tile_url.clone()),
            ("PORTAL_STATIC_DIR", self.static_dir.display().to_string()),
            ("PORTAL_DEMO_DATA", self.demo_data.to_string()),
            (
                "PORTAL_SECRET_KEY",
                if self.secret_key.is_some() {
                    "*** (set)".into()
                } else {
                    "(unset: one shared by every instance, kept in the database)".to_string()
                },
            ),
            (
                "PORTAL_SUBMISSIONS_PER_MINUTE",
                self.submissions_per_minute.to_string(),
            ),
            (
                "PORTAL_OPEN311_PER_MINUTE",
                self.open311_per_minute.to_string(),
            ),
            ("PORTAL_SECURE_COOKIES", self.secure_cookies.to_string()),
            (
                "PORTAL_TWO_FACTOR_ADMINS",
                self.two_factor_admins.to_string(),
            ),
            (
                "PORTAL_TWO_FACTOR_MODERATORS",
                self.two_factor_moderators.to_string(),
            ),
            (
                "PORTAL_CITY_BOUNDS",
                format!(
                    "{},{},{},{}",
                    self.city_bounds.min_lon,
                    self.city_bounds.min_lat,
                    self.city_bounds.max_lon,
                    self.city_bounds.max_lat
                ),
            ),
        ];
        all.extend(self.describe_notify());
        all
    }

    /// The outbox's settings as `check` prints them: passwords and tokens masked.
    fn describe_notify(&self) -> Vec<(&'static str, String)> {
        let n = &self.notify;
        let files = || {
            format!(
                "(unset: files in {})",
                self.data_dir.join("outbox").display()
            )
        };
        vec![
            (
                "PORTAL_SMTP_URL",
                n.smtp_url.as_deref().map_or_else(files, mask_password),
            ),
            ("PORTAL_MAIL_FROM", n.mail_from.clone()),
            (
                "PORTAL_SMS_URL",
                n.sms_url.as_deref().map_or_else(files, mask_password),
            ),
            (
                "PORTAL_SMS_TOKEN",
                if n.sms_token.is_some() {
                    "*** (set)".into()
                } else {
                    "(unset)".into()
                },
            ),
            (
                "PORTAL_PUBLIC_URL",
                n.public_url
                    .clone()
                    .unwrap_or_else(|| format!("(unset: http://{})", self.addr)),
            ),
            (
                "PORTAL_SURVEY_AFTER_MINUTES",
                (n.survey_after.as_secs() / 60).to_string(),
            ),
            ("PORTAL_KEEP_MESSAGES_DAYS", n.keep_text_days.to_string()),
            (
                "PORTAL_DIGEST_HOUR",
                n.digest_hour
                    .map_or_else(|| "off".to_string(), |h| h.to_string()),
            ),
        ]
    }
}

fn parse_database_url(url: &str) -> Result<PgConnectOptions, ConfigError> {
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(ConfigError::DatabaseUrl(
            "it must start with postgres://".into(),
        ));
    }
    PgConnectOptions::from_str(url).map_err(|e| ConfigError::DatabaseUrl(e.to_string()))
}

/// Replaces the password in a URL with `***`.
pub fn mask_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "***".into();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

fn default_static_dir() -> PathBuf {
    let here = PathBuf::from("static");
    if here.is_dir() {
        here
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("static")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn an_empty_environment_gives_working_defaults() {
        let s = settings(&[]).unwrap();
        assert!(s.database.is_none());
        assert_eq!(s.addr, DEFAULT_ADDR);
        assert_eq!(s.time_zone, chrono_tz::Asia::Atyrau);
        assert_eq!(s.data_dir, PathBuf::from(".data"));
        assert!(s.demo_data);
    }

    #[test]
    fn malformed_settings_are_refused_with_a_sentence() {
        for (name, value) in [
            ("DATABASE_URL", "mysql://x"),
            ("DATABASE_URL", "postgres://u:p@host:notaport/db"),
            ("PORTAL_TIME_ZONE", "Mars/Olympus"),
            ("PORTAL_ADDR", "localhost"),
            ("PORTAL_CITY_BOUNDS", "1,2,3"),
            ("PORTAL_CITY_BOUNDS", "52,47,51,48"),
        ] {
            let err = settings(&[(name, value)]).unwrap_err().to_string();
            assert!(err.starts_with(name), "{name}={value}: {err}");
            assert!(!err.contains('\n'), "one sentence: {err}");
        }
    }

    #[test]
    fn the_password_is_masked() {
        assert_eq!(
            mask_password("postgres://portal:s3cret@db:5432/portal"),
            "postgres://portal:***@db:5432/portal"
        );
        assert_eq!(
            mask_password("postgres://portal@db/portal"),
            "postgres://portal@db/portal"
        );
    }
}
