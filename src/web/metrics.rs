//! `GET /metrics`: this instance's figures in Prometheus's text format, for the operator only
//! (a client on loopback, or `PORTAL_METRICS_TOKEN` as a bearer token). No label carries a
//! path with an id or a query: routes are patterns.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use sqlx::PgPool;
use subtle::ConstantTimeEq;

use super::error::AppError;
use super::security::client_ip;
use super::state::AppState;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// Requests at or under each bound (cumulative), then the total.
    latency: [AtomicU64; BUCKETS.len()],
    latency_micros: AtomicU64,
    latency_count: AtomicU64,
    /// Requests that began with every connection of the pool in use: they waited for one
    /// (or timed out into the 503 page) if they needed the database.
    pool_saturated: AtomicU64,
    pub submissions_accepted: AtomicU64,
    pub limit_refusals: AtomicU64,
}

impl Metrics {
    fn record(&self, route: String, status: u16, seconds: f64) {
        if let Ok(mut requests) = self.requests.lock() {
            *requests.entry((route, status)).or_default() += 1;
        }
        for (bound, count) in BUCKETS.iter().zip(&self.latency) {
            if seconds <= *bound {
                count.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_micros
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
        self.latency_count.fetch_add(1, Ordering::Relaxed);
    }

    /// The text format, with the pool's figures at the time of asking.
    pub fn render(&self, pool: &PgPool) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP portal_http_requests_total Requests by route and status."
        );
        let _ = writeln!(out, "# TYPE portal_http_requests_total counter");
        if let Ok(requests) = self.requests.lock() {
            for ((route, status), n) in requests.iter() {
                let route = route.replace('\\', "\\\\").replace('"', "\\\"");
                let _ = writeln!(
                    out,
                    "portal_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP portal_http_request_duration_seconds Time to answer."
        );
        let _ = writeln!(out, "# TYPE portal_http_request_duration_seconds histogram");
        for (bound, count) in BUCKETS.iter().zip(&self.latency) {
            let n = count.load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "portal_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {n}"
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let sum = self.latency_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(
            out,
            "portal_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(out, "portal_http_request_duration_seconds_sum {sum}");
        let _ = writeln!(out, "portal_http_request_duration_seconds_count {count}");
        let (size, idle) = (pool.size(), pool.num_idle());
        let _ = writeln!(
            out,
            "# HELP portal_db_pool_connections Connections of this instance."
        );
        let _ = writeln!(out, "# TYPE portal_db_pool_connections gauge");
        let _ = writeln!(out, "portal_db_pool_connections{{state=\"idle\"}} {idle}");
        let in_use = (size as usize).saturating_sub(idle);
        let _ = writeln!(
            out,
            "portal_db_pool_connections{{state=\"in_use\"}} {in_use}"
        );
        let max = pool.options().get_max_connections();
        let _ = writeln!(out, "# TYPE portal_db_pool_max_connections gauge");
        let _ = writeln!(out, "portal_db_pool_max_connections {max}");
        let saturated = self.pool_saturated.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "# HELP portal_db_pool_saturated_total Requests that began with every connection in use."
        );
        let _ = writeln!(out, "# TYPE portal_db_pool_saturated_total counter");
        let _ = writeln!(out, "portal_db_pool_saturated_total {saturated}");
        let accepted = self.submissions_accepted.load(Ordering::Relaxed);
        let refused = self.limit_refusals.load(Ordering::Relaxed);
        let _ = writeln!(out, "# TYPE portal_submissions_accepted_total counter");
        let _ = writeln!(out, "portal_submissions_accepted_total {accepted}");
        let _ = writeln!(out, "# TYPE portal_rate_limit_refusals_total counter");
        let _ = writeln!(out, "portal_rate_limit_refusals_total {refused}");
        out
    }
}

/// Counts every request by its route pattern and status, how long it took, and whether it
/// began with the pool exhausted.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    if let (Some(state), Some(pool)) = (&state, req.app_data::<web::Data<PgPool>>()) {
        let max = pool.options().get_max_connections();
        if pool.num_idle() == 0 && pool.size() >= max {
            state.metrics.pool_saturated.fetch_add(1, Ordering::Relaxed);
        }
    }
    let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
    let res = next.call(req).await?;
    if let Some(state) = state {
        let seconds = started.elapsed().as_secs_f64();
        state.metrics.record(route, res.status().as_u16(), seconds);
    }
    Ok(res)
}

/// The figures, for a client on loopback or with the token; anyone else sees no such page.
pub async fn show(
    req: HttpRequest,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let local = client_ip(&req).is_loopback();
    let token = state
        .settings
        .metrics_token
        .as_deref()
        .filter(|t| !t.is_empty());
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let with_token = match (token, bearer) {
        (Some(t), Some(b)) => bool::from(t.as_bytes().ct_eq(b.as_bytes())),
        _ => false,
    };
    if !local && !with_token {
        return Err(AppError::NotFound);
    }
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(state.metrics.render(&pool)))
}
