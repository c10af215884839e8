//! Writes the benchmark inputs for N entries into `bench/generated/nN/`:
//! `cargo run -p errcat-bench --bin generate -- 1000 10000`.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        eprintln!("usage: generate N...   (for example: generate 50 1000 10000)");
        std::process::exit(2);
    }
    for n in sizes {
        let out = dir.join(format!("n{n}"));
        std::fs::create_dir_all(&out).expect("create the output directory");
        for (name, content) in errcat_bench::inputs::files(n) {
            std::fs::write(out.join(name), content).expect("write a generated file");
        }
        println!("wrote {}", out.display());
    }
}
