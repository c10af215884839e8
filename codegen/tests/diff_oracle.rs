//! `errcat diff` checked against what really happens to servers and
//! clients, over the corpus of `diff_oracle/cases.yaml` and random
//! combinations of its changes.
//!
//! For each case two scratch crates are written and built once for all
//! cases:
//! - **servers**: Rust code written against the OLD catalogue (every error
//!   constructed with every field, every enum value named, `to_json`,
//!   `headers`, `status` and `code` called, every error matched by name
//!   with a `_` arm) is compiled against the NEW catalogue. It breaks for
//!   servers when it no longer compiles.
//! - **clients**: a client built from the OLD catalogue decodes every
//!   example of the NEW one, in every language, headers included. It
//!   breaks for clients when decoding fails, picks another error, or reads
//!   another code, status, `retryable`, field, body member or header.
//!
//! `diff` must call a case breaking exactly when this oracle sees it break
//! (or when the corpus marks it breaking by policy, which the oracle must
//! not contradict), and must agree with the corpus on the rest.

use codegen::catalogue_diff::{self, Impact};
use errcat_catalog::ident;
use errcat_catalog::model::{Catalog, Details, Entry, Message, TypeKind, TypeSpec};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Deserialize, Clone)]
struct CaseSpec {
    name: String,
    #[allow(dead_code)]
    change: String,
    #[serde(default)]
    policy: Option<String>,
    edits: Vec<Edit>,
    servers: String,
    clients: String,
}

#[derive(Deserialize, Clone)]
struct Edit {
    #[serde(default = "main_file")]
    file: String,
    from: String,
    to: String,
}

fn main_file() -> String {
    "base.yaml".into()
}

/// A case ready to run: its catalogues, loaded.
struct Case {
    id: String,
    spec: CaseSpec,
    old: Catalog,
    new: Catalog,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_oracle")
}

fn work() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/diff-oracle")
}

/// The fixture files, edited.
fn edited(edits: &[Edit]) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    for name in ["base.yaml", "shared.yaml", "base.fr.yaml", "base.de.yaml"] {
        let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
        files.insert(name.to_owned(), text);
    }
    for edit in edits {
        let text = files
            .get_mut(&edit.file)
            .ok_or(format!("no file {}", edit.file))?;
        if text.matches(&edit.from).count() != 1 {
            return Err(format!("`{}` is not once in {}", edit.from, edit.file));
        }
        *text = text.replacen(&edit.from, &edit.to, 1);
    }
    Ok(files)
}

/// Writes one side of a case and loads it.
fn materialise(dir: &Path, edits: &[Edit]) -> Result<Catalog, String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in edited(edits)? {
        std::fs::write(dir.join(name), text).unwrap();
    }
    errcat_catalog::load(&dir.join("base.yaml"))
        .map(|l| (*l.catalog).clone())
        .map_err(|e| e.render())
}

// --- the servers' code ----------------------------------------------------

/// A Rust expression of the old type of a value, built as old code would.
fn value(ty: &TypeSpec, name: &str, enums: &mut Vec<String>) -> String {
    match &ty.kind {
        TypeKind::String => "any::<::std::string::String>()".into(),
        TypeKind::Integer(f) => format!("any::<{}>()", f.rust_type()),
        TypeKind::Number => "any::<f64>()".into(),
        TypeKind::Boolean => "any::<bool>()".into(),
        TypeKind::Enum(values) => {
            let all: Vec<String> = values
                .iter()
                .map(|v| format!("api_error::{name}::{}", ident::pascal(v)))
                .collect();
            enums.push(format!("let _ = [{}];", all.join(", ")));
            all[0].clone()
        }
        TypeKind::Array(item) => {
            format!("vec![{}]", value(item, &ident::item_type_name(name), enums))
        }
        TypeKind::Object(fields) => {
            let members: Vec<String> = fields
                .iter()
                .map(|f| {
                    let inner = value(&f.ty, &ident::field_type_name(name, &f.rust_name), enums);
                    let inner = if f.optional {
                        format!("Some({inner})")
                    } else {
                        inner
                    };
                    format!("{}: {inner}", rust_ident(&f.rust_name))
                })
                .collect();
            format!("api_error::{name} {{ {} }}", members.join(", "))
        }
    }
}

fn rust_ident(name: &str) -> String {
    if ident::is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// The entries of `catalog` that are family fallbacks.
fn fallbacks(catalog: &Catalog) -> BTreeSet<String> {
    catalog
        .families
        .iter()
        .map(|f| f.fallback.clone())
        .collect()
}

/// The struct-literal members of an entry's variant, as old code writes
/// them.
fn members(catalog: &Catalog, e: &Entry, enums: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    match &e.details {
        Details::None => {}
        Details::Fields(fields) => {
            for f in fields {
                let name = ident::field_type_name(&e.ident, &f.rust_name);
                let v = value(&f.ty, &name, enums);
                let v = if f.optional { format!("Some({v})") } else { v };
                out.push(format!("{}: {v}", rust_ident(&f.rust_name)));
            }
        }
        Details::Value(ty) => {
            let v = value(ty, &ident::details_type_name(&e.ident), enums);
            out.push(format!("details: {v}"));
        }
    }
    if matches!(e.message, Message::Varies { .. }) {
        out.push("message: any::<::std::string::String>()".into());
    }
    if e.source {
        out.push("source: ::errcat::Source::none()".into());
    }
    if fallbacks(catalog).contains(&e.key) {
        out.push("received: ::errcat::Received::none()".into());
    }
    out
}

/// Old code, for the new catalogue at `new_path`.
fn server_code(old: &Catalog, new_path: &str) -> String {
    let mut body = String::new();
    for e in &old.entries {
        let mut enums = Vec::new();
        let fields = members(old, e, &mut enums);
        let construct = if fields.is_empty() {
            format!("ApiError::{}", e.ident)
        } else {
            format!("ApiError::{} {{ {} }}", e.ident, fields.join(", "))
        };
        let _ = writeln!(
            body,
            "    {{\n        {}\n        let e = {construct};\n        let _ = (e.to_json(), e.headers().count(), e.status(), e.code());\n        match &e {{ ApiError::{} {{ .. }} => {{}} _ => {{}} }}\n    }}",
            enums.join(" "),
            e.ident
        );
    }
    format!(
        "#[errcat::catalog({new_path:?})]\npub enum ApiError {{}}\n\nfn any<T>() -> T {{\n    unimplemented!()\n}}\n\npub fn server() {{\n{body}}}\n"
    )
}

// --- the clients' code ----------------------------------------------------

/// `fields()` for one side: each variant's key, and its values as Debug
/// text.
fn fields_fn(catalog: &Catalog) -> String {
    let mut arms = String::new();
    for e in &catalog.entries {
        let mut names: Vec<String> = e
            .details
            .fields()
            .iter()
            .map(|f| f.rust_name.clone())
            .collect();
        if matches!(e.details, Details::Value(_)) {
            names.push("details".into());
        }
        if matches!(e.message, Message::Varies { .. }) {
            names.push("message".into());
        }
        let binds: Vec<String> = names.iter().map(|n| rust_ident(n)).collect();
        let values: Vec<String> = names
            .iter()
            .map(|n| format!("({n:?}, format!(\"{{:?}}\", {}))", rust_ident(n)))
            .collect();
        let _ = writeln!(
            arms,
            "            ApiError::{} {{ {} .. }} => ({:?}, vec![{}]),",
            e.ident,
            binds.iter().map(|b| format!("{b},")).collect::<String>(),
            e.key,
            values.join(", ")
        );
    }
    format!(
        "        #[allow(unused_variables)]\n        pub fn fields(e: &ApiError) -> (&'static str, Vec<(&'static str, String)>) {{\n            match e {{\n{arms}            _ => (\"\", vec![]),\n            }}\n        }}\n"
    )
}

/// The old error each new error must decode as: the same key, else the
/// same code; `""` when the old catalogue has neither (then the catch-all
/// or a family keeping the code).
fn expected_keys(old: &Catalog, new: &Catalog) -> Vec<(String, String)> {
    new.entries
        .iter()
        .map(|n| {
            let old_key = old
                .entry(&n.key)
                .or_else(|| old.entries.iter().find(|o| o.code == n.code))
                .map_or_else(String::new, |o| o.key.clone());
            (n.key.clone(), old_key)
        })
        .collect()
}

fn client_module(case: &Case) -> String {
    let dir = format!("cases/{}", case.id);
    let expect: Vec<String> = expected_keys(&case.old, &case.new)
        .iter()
        .map(|(n, o)| format!("({n:?}, {o:?})"))
        .collect();
    let fallbacks: Vec<String> = fallbacks(&case.old)
        .iter()
        .map(|k| format!("{k:?}"))
        .collect();
    let mut locales = vec!["None".to_owned()];
    locales.extend(
        case.new
            .translations
            .iter()
            .map(|t| format!("Some({:?})", t.locale)),
    );
    format!(
        "pub mod case_{id} {{\n    pub mod old {{\n        #[errcat::catalog(\"{dir}/old/base.yaml\", unknown = Unknown)]\n        #[derive(Clone, PartialEq)]\n        pub enum ApiError {{}}\n{old_fields}    }}\n    pub mod new {{\n        #[errcat::catalog(\"{dir}/new/base.yaml\", examples, unknown = Unknown)]\n        #[derive(Clone, PartialEq)]\n        pub enum ApiError {{}}\n{new_fields}    }}\n    crate::side!(old);\n    crate::side!(new);\n    crate::examples!(new);\n    pub fn problems() -> Vec<String> {{\n        crate::check::<old::ApiError, new::ApiError>(\n            &[{expect}],\n            &[{fallbacks}],\n            &[{locales}],\n        )\n    }}\n}}\n",
        id = case.id,
        old_fields = fields_fn(&case.old),
        new_fields = fields_fn(&case.new),
        expect = expect.join(", "),
        fallbacks = fallbacks.join(", "),
        locales = locales.join(", "),
    )
}

/// The hand-written half of the clients' crate: decoding and comparing.
const CLIENT_SUPPORT: &str = r#"
/// What the checks need of one side's generated type.
pub trait Side: Sized {
    fn decode(status: Option<u16>, headers: &[(&str, &str)], body: &[u8]) -> Result<Self, String>;
    fn key_and_fields(&self) -> (&'static str, Vec<(&'static str, String)>);
    fn code_text(&self) -> String;
    fn status_code(&self) -> Option<u16>;
    fn retryable_flag(&self) -> Option<bool>;
    fn body(&self, locale: Option<&str>, context: &errcat::RequestContext<'_>) -> Vec<u8>;
    fn header_pairs(&self, context: &errcat::RequestContext<'_>) -> Vec<(String, String)>;
}

/// The examples of the new side.
pub trait Examples: Sized {
    fn all_examples() -> Vec<(Self, errcat::RequestContext<'static>)>;
}

#[macro_export]
macro_rules! side {
    ($side:ident) => {
        impl crate::Side for $side::ApiError {
            fn decode(status: Option<u16>, headers: &[(&str, &str)], body: &[u8]) -> Result<Self, String> {
                Self::from_response_with_headers(status, headers, body).map_err(|e| format!("{e:?}"))
            }
            fn key_and_fields(&self) -> (&'static str, Vec<(&'static str, String)>) { $side::fields(self) }
            fn code_text(&self) -> String { self.code().to_owned() }
            fn status_code(&self) -> Option<u16> { self.status() }
            fn retryable_flag(&self) -> Option<bool> { self.entry().retryable }
            fn body(&self, locale: Option<&str>, context: &errcat::RequestContext<'_>) -> Vec<u8> {
                let ctx = errcat::RequestContext { locale, ..*context };
                self.to_json_with(&ctx)
            }
            fn header_pairs(&self, context: &errcat::RequestContext<'_>) -> Vec<(String, String)> {
                self.headers_with(context).map(|(n, v)| (n.to_string(), v.to_string())).collect()
            }
        }
    };
}

#[macro_export]
macro_rules! examples {
    ($side:ident) => {
        impl crate::Examples for $side::ApiError {
            fn all_examples() -> Vec<(Self, errcat::RequestContext<'static>)> {
                $side::ApiError::examples().into_iter().map(|e| (e.error, e.context)).collect()
            }
        }
    };
}

fn leaves(value: &serde_json::Value, path: String, out: &mut Vec<(String, serde_json::Value)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                leaves(v, format!("{path}/{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{path}/{i}"), out);
            }
        }
        v => out.push((path, v.clone())),
    }
}

/// Every way the old client goes wrong on the new catalogue's examples.
pub fn check<O: Side, N: Side + Examples>(
    expect: &[(&str, &str)],
    fallbacks: &[&str],
    locales: &[Option<&str>],
) -> Vec<String> {
    let mut problems = Vec::new();
    for (new, context) in N::all_examples() {
        let (new_key, new_fields) = new.key_and_fields();
        let old_key = expect.iter().find(|(n, _)| *n == new_key).map_or("", |(_, o)| *o);
        let headers = new.header_pairs(&context);
        let pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        for locale in locales {
            let at = format!("{new_key} ({})", locale.unwrap_or("default language"));
            let body = new.body(*locale, &context);
            let old = match O::decode(new.status_code(), &pairs, &body) {
                Ok(old) => old,
                Err(e) => {
                    problems.push(format!("{at}: the old client cannot decode it: {e}"));
                    continue;
                }
            };
            let (decoded_key, old_fields) = old.key_and_fields();
            let right = if old_key.is_empty() {
                decoded_key.is_empty() || fallbacks.contains(&decoded_key)
            } else {
                decoded_key == old_key
            };
            if !right {
                problems.push(format!("{at}: decoded as `{decoded_key}`"));
                continue;
            }
            if old.code_text() != new.code_text() {
                problems.push(format!("{at}: code `{}`, sent `{}`", old.code_text(), new.code_text()));
            }
            if old.status_code() != new.status_code() {
                problems.push(format!("{at}: status {:?}, sent {:?}", old.status_code(), new.status_code()));
            }
            if !old_key.is_empty() && old.retryable_flag() != new.retryable_flag() {
                problems.push(format!("{at}: retryable {:?}, now {:?}", old.retryable_flag(), new.retryable_flag()));
            }
            for (name, value) in &old_fields {
                if let Some((_, sent)) = new_fields.iter().find(|(n, _)| n == name) {
                    // An `Option` around the same value is the same value;
                    // nested objects are compared as body members below.
                    let bare = |v: &str| v.strip_prefix("Some(").and_then(|v| v.strip_suffix(')')).unwrap_or(v).to_owned();
                    if value.contains(" { ") || sent.contains(" { ") {
                        continue;
                    }
                    if bare(sent) != bare(value) {
                        problems.push(format!("{at}: field `{name}` read as {value}, sent {sent}"));
                    }
                }
            }
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            leaves(&serde_json::from_slice(&old.body(None, &context)).unwrap_or_default(), String::new(), &mut mine);
            leaves(&serde_json::from_slice(&body).unwrap_or_default(), String::new(), &mut theirs);
            for (path, value) in &mine {
                if path.ends_with("/message") {
                    continue;
                }
                if let Some((_, sent)) = theirs.iter().find(|(p, _)| p == path) {
                    if sent != value {
                        problems.push(format!("{at}: body member {path} read as {value}, sent {sent}"));
                    }
                }
            }
            for (name, value) in old.header_pairs(&context) {
                let sent = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(&name));
                match sent {
                    Some((_, v)) if *v == value => {}
                    Some((_, v)) => problems.push(format!("{at}: header {name} means {value}, sent {v}")),
                    None => problems.push(format!("{at}: header {name} is no longer sent")),
                }
            }
        }
    }
    problems
}
"#;

// --- building and running ---------------------------------------------

fn manifest(name: &str, bin: bool) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let repo = repo.canonicalize().unwrap();
    let bin = if bin {
        "[[bin]]\nname = \"clients\"\npath = \"src/main.rs\"\n"
    } else {
        ""
    };
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n{bin}\n[dependencies]\nerrcat = {{ path = {:?} }}\nserde_json = \"1\"\n\n[workspace]\n",
        repo.display().to_string()
    )
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", work().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

/// The cases whose old code fails to compile against the new catalogue.
fn server_breaks(cases: &[Case]) -> BTreeMap<String, String> {
    let dir = work().join("servers");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        manifest("diff-oracle-servers", false),
    )
    .unwrap();
    let mut lib = String::from(
        "#![allow(dead_code, unused, unreachable_code, unreachable_patterns, clippy::all)]\n",
    );
    for case in cases {
        let _ = writeln!(lib, "mod case_{};", case.id);
        let path = format!("cases/{}/new/base.yaml", case.id);
        std::fs::write(
            dir.join(format!("src/case_{}.rs", case.id)),
            server_code(&case.old, &path),
        )
        .unwrap();
    }
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    link_cases(&dir);
    let out = cargo(&dir, &["build", "--quiet", "--message-format=json"]);
    let mut broken = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let m = &msg["message"];
        if msg["reason"] != "compiler-message" || m["level"] != "error" {
            continue;
        }
        for span in m["spans"].as_array().into_iter().flatten() {
            if let Some(id) = span["file_name"]
                .as_str()
                .and_then(|f| f.strip_prefix("src/case_"))
            {
                let id = id.trim_end_matches(".rs").to_owned();
                broken
                    .entry(id)
                    .or_insert_with(|| m["message"].as_str().unwrap_or("").to_owned());
            }
        }
    }
    broken
}

/// What goes wrong for the old clients, per case.
fn client_breaks(cases: &[Case]) -> BTreeMap<String, Vec<String>> {
    let dir = work().join("clients");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        manifest("diff-oracle-clients", true),
    )
    .unwrap();
    let mut lib = String::from("#![allow(dead_code, unused, clippy::all)]\n");
    lib.push_str(CLIENT_SUPPORT);
    let mut main = String::from("fn main() {\n");
    for case in cases {
        lib.push_str(&client_module(case));
        let _ = writeln!(
            main,
            "    for p in diff_oracle_clients::case_{id}::problems() {{ println!(\"{id}\\t{{p}}\"); }}",
            id = case.id
        );
    }
    main.push_str("}\n");
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    link_cases(&dir);
    let out = cargo(&dir, &["run", "--quiet"]);
    assert!(
        out.status.success(),
        "the clients' crate failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if let Some((id, p)) = line.split_once('\t') {
            problems
                .entry(id.to_owned())
                .or_default()
                .push(p.to_owned());
        }
    }
    problems
}

/// Makes the materialised cases visible from a scratch crate.
fn link_cases(dir: &Path) {
    let link = dir.join("cases");
    if std::fs::symlink_metadata(&link).is_err() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(work().join("cases"), &link).unwrap();
    }
}

fn impact(text: &str) -> Option<Impact> {
    match text {
        "breaking" => Some(Impact::Breaking),
        "compatible" => Some(Impact::Compatible),
        "cosmetic" => Some(Impact::Cosmetic),
        _ => None,
    }
}

/// diff's verdict for each side: the largest impact of its changes.
fn verdict(old: &Catalog, new: &Catalog) -> (Option<Impact>, Option<Impact>, usize) {
    let changes = catalogue_diff::diff(old, new);
    let servers = changes.iter().map(|c| c.servers).max();
    let clients = changes.iter().map(|c| c.clients).max();
    (servers, clients, changes.len())
}

/// A few cases made of two or three corpus changes at once, chosen by a
/// fixed seed, whose edits do not touch the same text.
fn random_cases(corpus: &[CaseSpec]) -> Vec<CaseSpec> {
    let pool: Vec<&CaseSpec> = corpus
        .iter()
        .filter(|c| c.policy.is_none() && c.edits.iter().all(|e| e.file == "base.yaml"))
        .collect();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n as u64).unwrap()
    };
    let mut out = Vec::new();
    while out.len() < 16 {
        let count = 2 + next(2);
        let picked: Vec<&CaseSpec> = (0..count).map(|_| pool[next(pool.len())]).collect();
        let froms: Vec<&str> = picked
            .iter()
            .flat_map(|c| c.edits.iter().map(|e| e.from.as_str()))
            .collect();
        let overlap = froms.iter().enumerate().any(|(i, a)| {
            froms
                .iter()
                .skip(i + 1)
                .any(|b| a.contains(b) || b.contains(a))
        });
        if overlap {
            continue;
        }
        out.push(CaseSpec {
            name: picked
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(" + "),
            change: "combined".into(),
            policy: None,
            edits: picked.iter().flat_map(|c| c.edits.clone()).collect(),
            servers: "?".into(),
            clients: "?".into(),
        });
    }
    out
}

#[test]
fn diff_agrees_with_compiling_and_decoding() {
    let corpus: Vec<CaseSpec> =
        serde_saphyr::from_str(&std::fs::read_to_string(fixtures().join("cases.yaml")).unwrap())
            .unwrap();
    assert!(corpus.len() >= 40, "{} cases", corpus.len());
    let mut specs = corpus.clone();
    specs.extend(random_cases(&corpus));
    let mut cases = Vec::new();
    for (i, spec) in specs.into_iter().enumerate() {
        let id = format!("{:02}", i + 1);
        let base = work().join("cases").join(&id);
        let old = materialise(&base.join("old"), &[]).unwrap();
        let new = match materialise(&base.join("new"), &spec.edits) {
            Ok(new) => new,
            Err(e) if spec.servers == "?" => {
                // A random combination the loader refuses is no case.
                let _ = e;
                continue;
            }
            Err(e) => panic!("case {}: the new catalogue does not load:\n{e}", spec.name),
        };
        cases.push(Case { id, spec, old, new });
    }
    let servers = server_breaks(&cases);
    let clients = client_breaks(&cases);

    let mut failures = Vec::new();
    let mut table = String::new();
    for case in &cases {
        let s_break = servers.get(&case.id);
        let c_break = clients.get(&case.id);
        let (d_servers, d_clients, changes) = verdict(&case.old, &case.new);
        let spec = &case.spec;
        let _ = writeln!(
            table,
            "{} {:<40} servers: oracle {:<5} diff {:<10} | clients: oracle {:<5} diff {:<10}",
            case.id,
            spec.name,
            if s_break.is_some() { "break" } else { "ok" },
            d_servers.map_or("none", Impact::as_str),
            if c_break.is_some() { "break" } else { "ok" },
            d_clients.map_or("none", Impact::as_str),
        );
        let mut wrong = |what: String| failures.push(format!("{} {}: {what}", case.id, spec.name));
        // The oracle against diff, for each side.
        for (side, seen, said, expected) in [
            (
                "servers",
                s_break.map(String::as_str),
                d_servers,
                spec.servers.as_str(),
            ),
            (
                "clients",
                c_break.map(|p| p[0].as_str()),
                d_clients,
                spec.clients.as_str(),
            ),
        ] {
            let diff_breaks = said == Some(Impact::Breaking);
            // What the oracle sees breaking, diff must call breaking.
            if seen.is_some() != diff_breaks && !(seen.is_none() && spec.policy.is_some()) {
                wrong(format!(
                    "{side}: diff says {}, the oracle {}",
                    said.map_or("nothing", Impact::as_str),
                    seen.map_or_else(|| "saw no break".to_owned(), |p| format!("saw: {p}"))
                ));
            }
            if expected == "?" {
                continue;
            }
            // The corpus states the verdict: the oracle must confirm a
            // break, or the corpus must name the policy behind it.
            if (expected == "breaking") != seen.is_some()
                && !(expected == "breaking" && spec.policy.is_some())
            {
                wrong(format!(
                    "{side}: the corpus says {expected}, the oracle disagrees"
                ));
            }
            if said != impact(expected) {
                wrong(format!(
                    "{side}: diff says {}, the corpus {expected}",
                    said.map_or("none", Impact::as_str)
                ));
            }
        }
        if spec.servers != "none" && changes == 0 {
            wrong("diff reports no change".into());
        }
    }
    println!("{table}");
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}\n\n{table}",
        failures.len(),
        failures.join("\n")
    );
}

/// The corpus as the table in docs/cli.md.
fn corpus_table(corpus: &[CaseSpec]) -> String {
    let mut out = String::from("| Change | Servers | Clients |\n|---|---|---|\n");
    for c in corpus {
        let cell = |v: &str, policy: bool| match v {
            "none" => "(not a change)".to_owned(),
            "breaking" if policy => "breaking (policy)".to_owned(),
            v => v.to_owned(),
        };
        let policy = c.policy.is_some();
        let _ = writeln!(
            out,
            "| {}{} | {} | {} |",
            c.change.replace('|', "\\|"),
            c.policy
                .as_ref()
                .map(|p| format!(": {p}"))
                .unwrap_or_default(),
            // Every policy is about clients; servers' breaks compile.
            cell(&c.servers, false),
            cell(&c.clients, policy && c.clients == "breaking"),
        );
    }
    out
}

#[test]
fn the_corpus_is_the_table_in_the_docs() {
    let corpus: Vec<CaseSpec> =
        serde_saphyr::from_str(&std::fs::read_to_string(fixtures().join("cases.yaml")).unwrap())
            .unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/cli.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let start = docs
        .find("<!-- diff-corpus:start")
        .expect("the start marker");
    let start = start + docs[start..].find("-->\n").unwrap() + 4;
    let end = docs
        .find("<!-- diff-corpus:end -->")
        .expect("the end marker");
    let table = corpus_table(&corpus);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &docs[..start], &docs[end..])).unwrap();
        return;
    }
    assert_eq!(
        docs[start..end],
        table,
        "docs/cli.md is stale: run `UPDATE_DOCS=1 cargo test -p codegen --test diff_oracle`"
    );
}
