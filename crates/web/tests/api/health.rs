use crate::helpers::spawn_app;

#[tokio::test]
async fn health_reports_the_database_and_change_log_position() {
    let app = spawn_app().await;
    let response = app.get("/health").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert!(body["change_seq"].as_i64().unwrap() > 0, "demo data wrote change-log rows: {body}");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let response = app.get("/health").await;
    assert!(response.headers().contains_key("x-request-id"));
}
