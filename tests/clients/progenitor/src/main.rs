//! Decodes every documented error body of the reference service with a
//! client progenitor generated from its OpenAPI document (build.rs).
//!
//! `progenitor-check DOCUMENT`: for each operation and error status of the
//! document (the one the client was generated from), each example body,
//! and one body with a code the document does not list, is served once by
//! a local HTTP server. The generated client's call must fail with
//! `Error::ErrorResponse` holding the body's own typed variant (the
//! catch-all `UnlistedError` only for the unlisted code), whose value,
//! written back as JSON, equals the body field by field.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;

#[allow(warnings, clippy::all)]
mod client {
    include!(concat!(env!("OUT_DIR"), "/reference.rs"));
}

/// A client for each repository catalogue: they must compile.
#[allow(warnings, clippy::all, dead_code)]
mod catalogues {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

const UNKNOWN_CODE: &str = "a_code_added_after_this_client";

/// Serves `(status, body)` to the next connection, then closes it.
fn serve_once(listener: &TcpListener, status: u16, body: &[u8]) {
    let (mut stream, _) = listener.accept().expect("accept");
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).expect("read the request");
        if n == 0 {
            break;
        }
        request.extend_from_slice(&buf[..n]);
    }
    let head = format!(
        "HTTP/1.1 {status} Error\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("write");
    stream.write_all(body).expect("write");
}

/// The error progenitor's client decodes from the served body for
/// `operation`: its variant (`Debug`, up to the first parenthesis) and its
/// value written back as JSON, or why it failed.
async fn decode(client: &client::Client, operation: &str) -> Result<(String, Value), String> {
    macro_rules! error_value {
        ($call:expr) => {
            match $call.await {
                Err(client::Error::ErrorResponse(value)) => {
                    let value = value.into_inner();
                    let debug = format!("{value:?}");
                    let variant = debug.split('(').next().unwrap_or_default().to_owned();
                    Ok((variant, serde_json::to_value(value).map_err(|e| e.to_string())?))
                }
                Err(other) => Err(other.to_string()),
                Ok(_) => Err("decoded as a success".into()),
            }
        };
    }
    match operation {
        "get_session" => error_value!(client.get_session().session_id("s").x_api_key("k").send()),
        "create_session" => error_value!(client.create_session().x_api_key("k").send()),
        "get_report" => error_value!(client.get_report().report_id("r").x_api_key("k").send()),
        other => Err(format!("no call written for operation `{other}`")),
    }
}

fn unknown_body(known: &Value) -> Value {
    let mut body = known.clone();
    let error = body.get_mut("error").expect("a nested envelope");
    error["code"] = UNKNOWN_CODE.into();
    error["message"] = "A newer server's error.".into();
    error.as_object_mut().unwrap().remove("details");
    body
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let path = std::env::args().nth(1).expect("usage: progenitor-check DOCUMENT");
    let doc: Value = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let client = client::Client::new(&base);
    let (mut checked, mut failed) = (0, 0);
    for operations in doc["paths"].as_object().unwrap().values() {
        for operation in operations.as_object().unwrap().values() {
            let name = operation["operationId"].as_str().unwrap();
            for (status, response) in operation["responses"].as_object().unwrap() {
                let Ok(code) = status.parse::<u16>() else { continue };
                if code < 400 {
                    continue;
                }
                let examples = response["content"]["application/json"]["examples"]
                    .as_object()
                    .map(|m| m.values().map(|x| x["value"].clone()).collect::<Vec<_>>())
                    .unwrap_or_default();
                let Some(first) = examples.first() else {
                    println!("FAIL {name} {status}: no documented example");
                    failed += 1;
                    continue;
                };
                let unknown = unknown_body(first);
                for body in examples.iter().cloned().chain([unknown.clone()]) {
                    checked += 1;
                    let bytes = serde_json::to_vec(&body).unwrap();
                    let listener = listener.try_clone().unwrap();
                    let server = std::thread::spawn(move || serve_once(&listener, code, &bytes));
                    let got = decode(&client, name).await;
                    server.join().unwrap();
                    // The catch-all for the unlisted code, and only for it.
                    let expected_catch_all = body == unknown;
                    match got {
                        Ok((variant, _)) if (variant == "UnlistedError") != expected_catch_all => {
                            println!("FAIL {name} {status}: decoded as {variant} (sent {body})");
                            failed += 1;
                        }
                        Ok((_, value)) if value == body => {}
                        Ok((_, value)) => {
                            println!("FAIL {name} {status}: decoded {value}, sent {body}");
                            failed += 1;
                        }
                        Err(why) => {
                            println!("FAIL {name} {status}: {why} (sent {body})");
                            failed += 1;
                        }
                    }
                }
            }
        }
    }
    println!("rust client (progenitor): {}/{checked} bodies decode field by field", checked - failed);
    if failed > 0 || checked == 0 {
        std::process::exit(1);
    }
}
