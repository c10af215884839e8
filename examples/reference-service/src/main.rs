//! Runs the reference service: `cargo run -p reference-service -- [ADDR]`.
//!
//! `ADDR` defaults to `127.0.0.1:3000`; port 0 picks a free port. The
//! first line printed is `listening on http://ADDR`. Environment:
//! `API_KEY` (default `test-key`), `RATE_LIMIT` (requests per minute,
//! default 600), `MAX_CONNECTIONS` (default 200; keep it under
//! `ulimit -n`), and `NEXT_VERSION=1` to run the next version, which sends
//! one error more (see `reference_service::next`).
//!
//! `cargo run -p reference-service -- --openapi` prints the service's
//! OpenAPI document instead (its operations and the errors of each, built
//! through errcat's utoipa integration) and exits.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    if addr == "--openapi" {
        use utoipa::OpenApi as _;
        let doc = reference_service::ApiDoc::openapi();
        println!("{}", doc.to_pretty_json().map_err(std::io::Error::other)?);
        return Ok(());
    }
    let mut config = reference_service::Config::default();
    if let Ok(key) = std::env::var("API_KEY") {
        config.api_key = key;
    }
    if let Some(limit) = std::env::var("RATE_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        config.rate_limit = limit;
    }
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    let app = if std::env::var_os("NEXT_VERSION").is_some() {
        reference_service::next::app(config)
    } else {
        reference_service::app(config)
    };
    let mut limits = reference_service::serve::Limits::default();
    if let Some(max) = std::env::var("MAX_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        limits.max_connections = max;
    }
    reference_service::serve::serve(listener, app, limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
