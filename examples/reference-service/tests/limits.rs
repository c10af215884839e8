//! The reference service under abuse, on raw TCP as an attacker sends it:
//! slow headers, bodies that never come or are declared huge, and request
//! lines hyper cannot parse. Each gets a catalogue error or a closed
//! connection, and the service keeps answering.

use reference_service::serve::{Limits, serve};
use reference_service::{ApiError, Config, app};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start(config: Config, limits: Limits) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app(config), limits, std::future::pending()));
    addr
}

/// Sends `request` and reads until the service closes the connection.
/// The guard only keeps a broken service from hanging the test run.
async fn exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut out));
    read.await.expect("the service answers and closes").ok();
    String::from_utf8_lossy(&out).into_owned()
}

/// The status and the body of a response.
fn split(response: &str) -> (&str, &str) {
    let status = response.get(9..12).unwrap_or("");
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, body)
}

fn decodes_to(status: &str, body: &str) -> ApiError {
    ApiError::from_response(status.parse().ok(), body.as_bytes()).expect(body)
}

#[tokio::test]
async fn requests_hyper_cannot_parse_get_catalogue_errors() {
    let addr = start(Config::default(), Limits::default()).await;
    let long = "a".repeat(70_000);
    let cases = [
        (
            "GET /a\"b<c> HTTP/1.1\r\nhost: x\r\n\r\n".to_owned(),
            "400",
            ApiError::MalformedRequest,
        ),
        (
            "GET / HTTP/9.9\r\nhost: x\r\n\r\n".to_owned(),
            "400",
            ApiError::MalformedRequest,
        ),
        (
            format!("GET /{long} HTTP/1.1\r\nhost: x\r\n\r\n"),
            "414",
            ApiError::UriTooLong,
        ),
        (
            format!(
                "GET / HTTP/1.1\r\nhost: x\r\ncookie: {}\r\n\r\n",
                long.repeat(8)
            ),
            "431",
            ApiError::HeadersTooLarge,
        ),
    ];
    for (request, status, error) in cases {
        let response = exchange(addr, request.as_bytes()).await;
        let (got, body) = split(&response);
        assert_eq!(got, status, "{response}");
        assert!(
            response.contains("content-type: application/json"),
            "{response}"
        );
        assert_eq!(decodes_to(got, body), error, "{response}");
    }
}

#[tokio::test]
async fn a_huge_declared_body_is_refused_at_once() {
    let addr = start(Config::default(), Limits::default()).await;
    let request = b"POST /v1/sessions HTTP/1.1\r\nhost: x\r\nx-api-key: test-key\r\ncontent-length: 10000000000\r\n\r\n";
    let response = exchange(addr, request).await;
    let (status, body) = split(&response);
    assert_eq!(status, "413", "{response}");
    assert_eq!(
        decodes_to(status, body),
        ApiError::PayloadTooLarge { limit: 65536 }
    );
}

#[tokio::test]
async fn a_body_that_never_comes_times_out_with_408() {
    let config = Config {
        request_timeout: Duration::from_millis(300),
        ..Config::default()
    };
    let addr = start(config, Limits::default()).await;
    let request = b"POST /v1/sessions HTTP/1.1\r\nhost: x\r\nx-api-key: test-key\r\ncontent-length: 100\r\n\r\n{";
    let response = exchange(addr, request).await;
    let (status, body) = split(&response);
    assert_eq!(status, "408", "{response}");
    assert_eq!(
        decodes_to(status, body),
        ApiError::RequestTimeout { seconds: 0 }
    );
}

#[tokio::test]
async fn slow_headers_cannot_hold_every_connection() {
    let limits = Limits {
        max_connections: 4,
        header_read_timeout: Duration::from_millis(300),
    };
    let addr = start(Config::default(), limits).await;
    // Three times the cap, each sending half a request line and stalling.
    let mut slow = Vec::new();
    for _ in 0..12 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET /health HT").await.unwrap();
        slow.push(stream);
    }
    // Each slow client is cut off at the header deadline, so a real
    // request is served once the slots free up.
    let response = exchange(
        addr,
        b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    for mut stream in slow {
        let mut rest = Vec::new();
        let closed = tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut rest));
        assert!(closed.await.is_ok(), "a slow client was never cut off");
    }
}
