//! A client of the reference service, built from the same catalogue: every
//! error the service documents arrives as a typed `ApiError`, and errors
//! added to the service later arrive as `ApiError::Unknown`, so this
//! client keeps working against newer servers.

use errcat::reqwest::{ClientError, ResponseExt};
use serde::Deserialize;

/// The service's errors, as this client knows them, with a catch-all for
/// codes added later.
#[errcat::catalog("../../catalog/catalogs/reference-service.yaml", unknown = Unknown)]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

/// What a call gives: the value, or why not.
pub type Result<T> = std::result::Result<T, ClientError<ApiError>>;

/// A session, as the service returns it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Session {
    /// Its id.
    pub id: String,
    /// The role interviewed for.
    pub role_id: String,
    /// `scheduled`, ...
    pub status: String,
}

/// A client of one service.
pub struct Client {
    http: reqwest::Client,
    base: String,
    api_key: String,
}

impl Client {
    /// A client of the service at `base` (`http://127.0.0.1:3000`).
    #[must_use]
    pub fn new(base: impl Into<String>, api_key: impl Into<String>) -> Self {
        Client {
            http: reqwest::Client::new(),
            base: base.into(),
            api_key: api_key.into(),
        }
    }

    /// `GET /v1/sessions/{id}`.
    ///
    /// # Errors
    /// What the service answers instead, or a transport failure.
    pub async fn session(&self, id: &str) -> Result<Session> {
        self.http
            .get(format!("{}/v1/sessions/{id}", self.base))
            .header("x-api-key", &self.api_key)
            .send()
            .await?
            .json_or_error()
            .await
    }

    /// `POST /v1/sessions` with a role.
    ///
    /// # Errors
    /// What the service answers instead, or a transport failure.
    pub async fn schedule(&self, role_id: &str) -> Result<Session> {
        self.http
            .post(format!("{}/v1/sessions", self.base))
            .header("x-api-key", &self.api_key)
            .header("content-type", "application/json")
            .body(serde_json::json!({ "role_id": role_id }).to_string())
            .send()
            .await?
            .json_or_error()
            .await
    }
}

/// What to tell a user about a failed call: every error of the catalogue
/// by variant (the match has no wildcard, so the compiler points here when
/// the catalogue gains an error), codes added later, bodies that are not
/// errors of the API, and the network.
#[must_use]
pub fn explain(error: &ClientError<ApiError>) -> String {
    match error {
        ClientError::Api(e) => match e {
            ApiError::InvalidApiKey => "Check the API key.".into(),
            ApiError::InvalidParameters { field, .. } => format!("Fix `{field}`: {e}"),
            ApiError::SessionNotFound { .. } => format!("No such session ({e})."),
            ApiError::RateLimitExceeded { retry_after, .. } => {
                format!("Too many requests; retry in {retry_after} s.")
            }
            ApiError::InternalError { request_id, .. } => {
                format!("The service failed; quote {request_id} to support.")
            }
            ApiError::RouteNotFound { path } => format!("This client is out of date: no {path}."),
            ApiError::MethodNotAllowed { method } => format!("This client misuses {method}."),
            ApiError::PayloadTooLarge { limit } => format!("Send at most {limit} bytes."),
            ApiError::RequestTimeout { seconds } => {
                format!("The request took over {seconds} s to send; check the network.")
            }
            ApiError::MalformedRequest | ApiError::UriTooLong | ApiError::HeadersTooLarge => {
                format!("This client sent a request the service cannot read: {e}")
            }
            ApiError::Unknown(unknown) => format!(
                "The service sent an error this client does not know yet ({}, HTTP {}): {e}",
                unknown.code(),
                unknown
                    .status()
                    .map_or_else(|| "?".to_owned(), |s| s.to_string())
            ),
        },
        ClientError::UnknownCode { code, .. } => format!("Unknown error `{code}`."),
        ClientError::NotAnError { status, .. } => {
            format!("HTTP {status} from something in between; try again later.")
        }
        ClientError::UnexpectedBody { .. } => "The service answered in an unexpected shape.".into(),
        ClientError::Transport(_) => "The service cannot be reached.".into(),
        _ => error.to_string(),
    }
}
