// The catch-all cannot take the name of a catalogue error's variant.
#[errcat::catalog("catalogs/good.yaml", unknown = NotFound)]
pub enum ApiError {}

fn main() {}
