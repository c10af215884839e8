// After a catalogue error the macro still emits a skeleton of the type, so
// code calling its methods reports nothing more than the catalogue error.
#[errcat::catalog("catalogs/unknown_category.yaml")]
pub enum ApiError {}

fn describe(e: &ApiError) -> String {
    format!("{} {:?} {} {}", e.code(), e.status(), e.title(), String::from_utf8_lossy(&e.to_json()))
}

fn main() {
    let _ = ApiError::from_response(Some(429), b"{}");
    let _ = describe;
}
