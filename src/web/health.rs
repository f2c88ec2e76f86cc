//! `GET /healthz`: whether the portal and its database answer.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use serde::Serialize;
use sqlx::PgPool;

#[derive(Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
}

pub async fn check(pool: web::Data<PgPool>) -> HttpResponse {
    let answered = tokio::time::timeout(Duration::from_secs(3), crate::store::ping(&pool))
        .await
        .is_ok_and(|r| r.is_ok());
    if answered {
        HttpResponse::Ok().json(Health {
            status: "ok",
            database: "up",
        })
    } else {
        HttpResponse::ServiceUnavailable().json(Health {
            status: "unavailable",
            database: "down",
        })
    }
}
