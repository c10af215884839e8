//! Serving the router with the limits a service on the open internet
//! needs, which `axum::serve` leaves out: a cap on open connections, a
//! deadline for a request's headers, and catalogue errors for the requests
//! hyper itself refuses before the router sees them.
//!
//! Copy this module with the service: it is the configuration the
//! reference service runs with.
//!
//! - [`Limits::max_connections`]: past it, the service stops accepting
//!   (new connections wait in the kernel's backlog) instead of running out
//!   of file descriptors. Keep it under the process's `ulimit -n`.
//! - [`Limits::header_read_timeout`]: a connection whose request headers
//!   are not all in by then is closed, so slow-header clients cannot hold
//!   every slot.
//! - A request line or header hyper cannot parse gets the catalogue's
//!   `malformed_request` (400), `uri_too_long` (414) or
//!   `headers_too_large` (431), where hyper would send an empty body.
//!
//! The body's deadline and size limit are middleware in [`crate::app`]
//! (`Config::request_timeout`, [`crate::BODY_LIMIT`]).

use crate::ApiError;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// Limits on connections.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Connections served at once.
    pub max_connections: usize,
    /// How long a client has to send a request's headers.
    pub header_read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 200,
            header_read_timeout: Duration::from_secs(10),
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes.
///
/// # Errors
/// Never, today: a failed `accept` (such as too many open files) is
/// waited out and retried.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.map_err(io::Error::other)?,
            () = &mut shutdown => return Ok(()),
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return Ok(()),
        };
        let Ok((stream, _)) = accepted else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout);
        tokio::spawn(async move {
            let io = TokioIo::new(CatalogueParseErrors::new(stream));
            // A connection that fails (a reset, a timeout) is simply closed.
            let _ = builder.serve_connection(io, service).await;
            drop(slot);
        });
    }
}

/// A connection on which hyper's automatic answer to a request it cannot
/// parse (an empty 400, 414 or 431, after which it closes the connection)
/// is replaced by the catalogue's error. The router never sends those
/// statuses with an empty body, so the two cannot be confused.
struct CatalogueParseErrors {
    stream: TcpStream,
    /// The replacement being written, and how much of it is written.
    pending: Option<(Vec<u8>, usize)>,
}

impl CatalogueParseErrors {
    fn new(stream: TcpStream) -> Self {
        CatalogueParseErrors {
            stream,
            pending: None,
        }
    }

    /// Writes what is left of the replacement.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, written)) = &mut self.pending {
            if *written == bytes.len() {
                self.pending = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.stream).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        Poll::Ready(Ok(()))
    }
}

/// The catalogue's response for hyper's automatic one, if `head` is one.
fn replacement(head: &[u8]) -> Option<Vec<u8>> {
    let error = [
        (&b"HTTP/1.1 400 "[..], ApiError::MalformedRequest),
        (b"HTTP/1.1 414 ", ApiError::UriTooLong),
        (b"HTTP/1.1 431 ", ApiError::HeadersTooLarge),
    ]
    .into_iter()
    .find(|(start, _)| head.starts_with(start))?
    .1;
    let text = std::str::from_utf8(head).ok()?;
    let (fields, rest) = text.split_once("\r\n\r\n")?;
    if !rest.is_empty()
        || !fields
            .to_ascii_lowercase()
            .contains("\r\ncontent-length: 0")
    {
        return None;
    }
    let status_line = fields.lines().next()?;
    let body = error.to_json();
    let mut out = format!(
        "{status_line}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    Some(out)
}

impl AsyncRead for CatalogueParseErrors {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for CatalogueParseErrors {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        ready!(self.poll_pending(cx))?;
        if let Some(bytes) = replacement(buf) {
            self.pending = Some((bytes, 0));
            // hyper's bytes count as written; the replacement goes out
            // now or on the next write, flush or shutdown.
            let _ = self.poll_pending(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.poll_pending(cx))?;
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.poll_pending(cx))?;
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
