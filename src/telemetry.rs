//! Logging through `tracing`, set up once per process.

use tracing_subscriber::EnvFilter;

/// Logs to standard error, as text or, with `PORTAL_LOG_FORMAT=json`, one JSON object a line
/// for log shippers (the same events and fields either way: no query strings, no contact
/// details); `RUST_LOG` overrides the default level.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,actix_server=warn"));
    let json = std::env::var("PORTAL_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
