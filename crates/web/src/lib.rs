//! The Wegwijs website and HTTP APIs: public pages rendered on the server, a health
//! endpoint, the open HSDS 3.0 and search APIs with their OpenAPI document, and (later)
//! portals. Reads go to the store; nothing here writes around it.

mod assets;
pub mod auth;
mod config;
pub mod editorial;
mod error;
pub mod forms;
mod i18n;
pub mod map;
mod openapi;
mod page;
mod routes;
pub mod search_log;
mod slug;
mod view;
mod xml;

use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use wegwijs_store::Store;

pub use config::{Brand, ColourError, Logo, WebConfig};
pub use error::AppError;
pub use i18n::Locale;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The source of truth.
    pub store: Store,
    /// The search index (kept current by a `wegwijs_search::follow::Follower`).
    pub search: Arc<wegwijs_search::SearchIndex>,
    /// Counts of searches with few results.
    pub search_log: search_log::SearchLog,
    /// Web settings.
    pub config: Arc<WebConfig>,
    /// Secrets and rate limits of accounts and forms.
    pub security: auth::Security,
    /// Sends the mails of accounts, invitations and reviews.
    pub mailer: Arc<wegwijs_mail::Mailer>,
}

impl AppState {
    /// The state of a site on `store` with `search`, sending mail with `mailer`;
    /// counters and secrets start empty.
    pub fn new(
        store: Store,
        search: Arc<wegwijs_search::SearchIndex>,
        config: Arc<WebConfig>,
        mailer: Arc<wegwijs_mail::Mailer>,
    ) -> Self {
        Self {
            store,
            search,
            search_log: search_log::SearchLog::default(),
            config,
            security: auth::Security::default(),
            mailer,
        }
    }

    /// Sends a mail; a failure is logged, not shown: the action that caused the mail
    /// (a rejection, an error report) is done and stays done.
    pub async fn send_mail(&self, mail: &wegwijs_mail::Mail) -> bool {
        match self.mailer.send(mail).await {
            Ok(()) => true,
            Err(error) => {
                tracing::error!(%error, kind = mail.content.kind(), "a mail could not be sent");
                false
            }
        }
    }
}

/// The complete application router. Tests call this directly.
pub fn router(state: AppState) -> Router {
    let request_id = axum::http::HeaderName::from_static("x-request-id");
    let pages = routes::router()
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), auth::policy::authorize))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::load_visitor));
    Router::new()
        .merge(pages)
        .merge(api_router())
        .merge(assets::router())
        .fallback(routes::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), error::render_error_pages))
        .with_state(state)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<_>| {
                    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        // Pages are text with much repetition: gzip makes them a fraction of their size.
        // The fastest level: a 170 KB page becomes 54 KB instead of 45 KB, in 2 ms
        // instead of 12 ms (measured for `wegwijs bench pages`, see BENCHMARKS.md).
        .layer(tower_http::compression::CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
}

/// The machine APIs under `/api/`: open to every origin (read-only, no cookies, so any
/// site or app may call them from a browser), and cacheable for a minute.
fn api_router() -> Router<AppState> {
    let (api, _) = routes::api().split_for_parts();
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD])
        .allow_headers(tower_http::cors::Any)
        .max_age(std::time::Duration::from_secs(86_400));
    api.layer(axum::middleware::map_response(cache_for_a_minute)).layer(cors)
}

/// `Cache-Control` for successful API answers: data changes through the day, so a
/// minute spares the server repeated calls without serving stale data for long.
async fn cache_for_a_minute(mut response: axum::response::Response) -> axum::response::Response {
    if response.status().is_success() {
        response
            .headers_mut()
            .insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("public, max-age=60"));
    }
    response
}

/// Serves the application on `listener` until `shutdown` completes; requests in flight
/// are finished first (graceful shutdown).
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
