//! The loader never panics, whatever the input: every catalogue and failing
//! case of the repository is mutated many times (deterministically) and
//! loaded, and every diagnostic is rendered.

use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const SPICE: &[&str] = &[
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\"",
    "&a ",
    "*a",
    "!!str ",
    "|\n",
    ">\n",
    "#",
    "\n",
    "\t",
    " ",
    "$",
    "$code",
    "{x}",
    "{{",
    "}}",
    "~",
    "null",
    "0x1F",
    "1e400",
    "-1",
    "99999999999999999999999",
    "é",
    "\u{0}",
    "---\n",
    "...\n",
    "<<: *a\n",
    "errors:\n",
    "  a:\n",
    "    status: ",
    "category: ",
    "message: \"{",
    "details:\n      x: ",
    "includes: [x.yaml]\n",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_owned();
    for _ in 0..=rng.below(3) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(4) {
            0 => s.insert_str(at, SPICE[rng.below(SPICE.len())]),
            1 => {
                let mut end = (at + rng.below(40)).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, "");
            }
            2 => {
                let lines: Vec<&str> = s.lines().collect();
                if !lines.is_empty() {
                    let line = lines[rng.below(lines.len())].to_owned();
                    s.insert_str(at, &format!("\n{line}\n"));
                }
            }
            _ => {
                let lines: Vec<String> = s.lines().map(str::to_owned).collect();
                if lines.len() > 2 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    let mut lines = lines;
                    lines.swap(a, b);
                    s = lines.join("\n");
                }
            }
        }
    }
    s
}

fn seeds() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("catalogs"), root.join("tests/cases")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn mutated_catalogues_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut loads = 0;
    for path in seeds() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rounds = if text.len() > 20_000 { 3 } else { 80 };
        for _ in 0..rounds {
            let input = mutate(&text, &mut rng);
            let result =
                std::panic::catch_unwind(|| match errcat_catalog::load_str("fuzz.yaml", &input) {
                    Ok(loaded) => {
                        let _ = loaded.render_warnings();
                        // A valid mutant also renders every example.
                        for e in &loaded.catalog.entries {
                            for x in &e.examples {
                                let _ = errcat_catalog::reference::body(&loaded.catalog, e, x);
                            }
                        }
                    }
                    Err(err) => {
                        assert!(
                            err.errors().next().is_some(),
                            "a failed load reports an error"
                        );
                        let _ = err.render();
                    }
                });
            if result.is_err() {
                let dump = std::env::temp_dir().join("errcat-panic.yaml");
                let _ = std::fs::write(&dump, &input);
                panic!(
                    "the loader panicked on a mutation of {} (saved to {})",
                    path.display(),
                    dump.display()
                );
            }
            loads += 1;
        }
    }
    assert!(loads > 4_000, "only {loads} inputs tried");
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..2_000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = errcat_catalog::load_str("bytes.yaml", &text).map_err(|e| e.render());
    }
}
