//! Calls the reference service and prints what happens:
//! `cargo run -p reference-client -- [BASE_URL]` (default
//! `http://127.0.0.1:3000`, start it with `cargo run -p reference-service`).
//! `API_KEY` sets the key (default `test-key`).

use reference_client::{Client, explain};

#[tokio::main]
async fn main() {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:3000".into());
    let key = std::env::var("API_KEY").unwrap_or_else(|_| "test-key".into());
    let client = Client::new(base, key);
    for id in ["sess_1", "sess_404", "sess_locked"] {
        match client.session(id).await {
            Ok(session) => println!("{id}: {session:?}"),
            Err(e) => println!("{id}: {}", explain(&e)),
        }
    }
    match client.schedule("").await {
        Ok(session) => println!("scheduled: {session:?}"),
        Err(e) => println!("schedule: {}", explain(&e)),
    }
}
