//! `GET /healthz` tells whether the database answers.

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_is_ok_while_the_database_answers() {
    let app = spawn_app().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "up");
}

#[tokio::test]
async fn health_is_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.pool.close().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "down");
}
