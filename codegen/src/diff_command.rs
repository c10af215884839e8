//! `errcat diff`: the changes between two versions of a catalogue, each
//! classified for servers and clients (see [`crate::catalogue_diff`]),
//! as text or JSON. The old version may be a file or the catalogue at a git
//! revision (`--base origin/main`), read with its includes through
//! `git archive`. Exits 1 when a breaking change is not acknowledged.

use crate::catalogue_diff::{Change, Impact, diff};
use errcat_catalog::{LoadOptions, Loaded};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// How `diff` prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// rustc-style lines.
    #[default]
    Text,
    /// One JSON document.
    Json,
}

/// Runs `errcat diff`.
///
/// # Errors
/// A catalogue that does not load, or a git failure.
pub fn run(
    old: &Path,
    new: Option<&Path>,
    base: Option<&str>,
    format: DiffFormat,
    options: &LoadOptions,
    reporter: crate::diagnostics_output::Reporter,
) -> Result<ExitCode, String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let load = |file: &Path, shown_from: &Path| {
        errcat_catalog::load_with(file, shown_from, options)
            .map_err(|e| reporter.load_error(&e, &file.display().to_string()))
    };
    let (before, after, label): (Loaded, Loaded, String) = match (new, base) {
        (Some(new), None) => (
            load(old, &cwd)?,
            load(new, &cwd)?,
            format!("{} → {}", old.display(), new.display()),
        ),
        (None, Some(rev)) => {
            let after = load(old, &cwd)?;
            let Some(snapshot) = at_revision(old, rev)? else {
                say!(
                    "{} does not exist at {rev}: there is nothing to compare, every error is new\n  = help: if the file moved, `errcat diff --base {rev}` in a project with `errcat.toml` pairs catalogues by name",
                    old.display()
                );
                return Ok(ExitCode::SUCCESS);
            };
            // The old revision's files stay in its snapshot: a symlink
            // there cannot reach out of it.
            let snapshot_options = LoadOptions {
                root: Some(snapshot.dir.clone()),
                ..options.clone()
            };
            let before =
                errcat_catalog::load_with(&snapshot.file, &snapshot.dir, &snapshot_options)
                    .map_err(|e| reporter.load_error(&e, &snapshot.file.display().to_string()))?;
            (
                before,
                after,
                format!("{} at {rev} → working tree", old.display()),
            )
        }
        (Some(_), Some(_)) => {
            return Err("error: give either NEW or `--base REV`, not both".into());
        }
        (None, None) => {
            return Err(
                "error: `errcat diff` needs the new catalogue or a base revision\n  = help: `errcat diff OLD.yaml NEW.yaml`, or `errcat diff errors.yaml --base origin/main`"
                    .into(),
            );
        }
    };
    let compared = Compared::new(
        after.catalog.name.clone(),
        label,
        diff(&before.catalog, &after.catalog),
    );
    Ok(print(&[compared], format))
}

/// One catalogue's changes, as printed.
#[derive(serde::Serialize)]
pub struct Compared {
    /// The catalogue's name.
    pub name: String,
    /// What was compared with what.
    pub compared: String,
    /// Every change.
    pub changes: Vec<Change>,
    /// How many changes are breaking.
    pub breaking: usize,
    /// How many are compatible.
    pub compatible: usize,
    /// How many are cosmetic.
    pub cosmetic: usize,
    /// How many breaking changes the catalogue does not acknowledge.
    pub unacknowledged_breaking: usize,
}

impl Compared {
    fn new(name: String, compared: String, changes: Vec<Change>) -> Compared {
        let unacknowledged_breaking = changes
            .iter()
            .filter(|c| c.impact == Impact::Breaking && !c.acknowledged)
            .count();
        Compared {
            name,
            compared,
            breaking: count(&changes, Impact::Breaking),
            compatible: count(&changes, Impact::Compatible),
            cosmetic: count(&changes, Impact::Cosmetic),
            unacknowledged_breaking,
            changes,
        }
    }
}

/// Prints every comparison, as text or as one JSON document, and gives
/// the exit code: failure when any breaking change is unacknowledged.
fn print(all: &[Compared], format: DiffFormat) -> ExitCode {
    let unacknowledged: usize = all.iter().map(|c| c.unacknowledged_breaking).sum();
    match format {
        DiffFormat::Json => {
            let doc = serde_json::json!({
                "catalogues": all,
                "unacknowledged_breaking": unacknowledged,
            });
            say!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        DiffFormat::Text => {
            for c in all {
                print_text(&c.changes, &c.compared, c.unacknowledged_breaking);
            }
        }
    }
    if unacknowledged > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `errcat diff --base REV` over a whole project: the catalogues of
/// `errcat.toml` now and at `REV`, paired by their `name` (so a catalogue
/// whose file moved is still compared). A catalogue gone since `REV`, or
/// renamed, is a breaking change no acknowledgement covers.
///
/// # Errors
/// A catalogue that does not load, or a git failure.
pub fn run_project(
    project: &crate::project::Project,
    rev: &str,
    format: DiffFormat,
    reporter: crate::diagnostics_output::Reporter,
) -> Result<ExitCode, String> {
    let options = project.load_options();
    let mut now = std::collections::BTreeMap::new();
    for file in project.catalogue_files()? {
        let shown = errcat_catalog::source_map::display_path(&file, &project.root);
        let loaded = errcat_catalog::load_with(&file, &project.root, &options)
            .map_err(|e| reporter.load_error(&e, &shown))?;
        now.insert(loaded.catalog.name.clone(), (shown, loaded));
    }
    let snapshot = folder_at_revision(&project.root, rev)?;
    let mut then = std::collections::BTreeMap::new();
    if let Some((_snapshot, dir)) = &snapshot {
        let old_project = crate::project::Project {
            root: dir.clone(),
            file: project.file.clone(),
        };
        let old_options = LoadOptions {
            root: Some(dir.clone()),
            ..options.clone()
        };
        for file in old_project.catalogue_files().unwrap_or_default() {
            let shown = errcat_catalog::source_map::display_path(&file, dir);
            let loaded = errcat_catalog::load_with(&file, dir, &old_options)
                .map_err(|e| reporter.load_error(&e, &format!("{shown} at {rev}")))?;
            then.insert(loaded.catalog.name.clone(), (shown, loaded));
        }
    }
    let mut all = Vec::new();
    for (name, (shown, loaded)) in &now {
        let (label, changes) = match then.get(name) {
            Some((old_shown, old)) => (
                format!("{name}: {old_shown} at {rev} → {shown}"),
                diff(&old.catalog, &loaded.catalog),
            ),
            None => (
                format!("{name}: {shown}, new since {rev}"),
                diff(&errcat_catalog::Catalog::empty(), &loaded.catalog)
                    .into_iter()
                    .filter(|c| c.kind == crate::catalogue_diff::ChangeKind::ErrorAdded)
                    .collect(),
            ),
        };
        all.push(Compared::new(name.clone(), label, changes));
    }
    for (name, (old_shown, old)) in &then {
        if now.contains_key(name) {
            continue;
        }
        let change = crate::catalogue_diff::catalogue_gone(&old.catalog);
        all.push(Compared::new(
            name.clone(),
            format!("{name}: {old_shown} at {rev} → (gone)"),
            vec![change],
        ));
    }
    Ok(print(&all, format))
}

fn count(changes: &[Change], impact: Impact) -> usize {
    changes.iter().filter(|c| c.impact == impact).count()
}

fn print_text(changes: &[Change], label: &str, unacknowledged: usize) {
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!(
            "{}[{}]: {}\n  = servers: {}, clients: {}: {}\n",
            c.impact.as_str(),
            c.kind.name(),
            c.message,
            c.servers.as_str(),
            c.clients.as_str(),
            c.reason
        ));
        if c.impact == Impact::Breaking {
            if c.acknowledged {
                out.push_str("  = note: acknowledged in the catalogue\n");
            } else {
                match &c.key {
                    Some(key) => out.push_str(&format!(
                        "  = help: if it is deliberate, add `breaking: \"<new version>\"` to `{key}`\n"
                    )),
                    None => out.push_str(
                        "  = help: if it is deliberate, add `breaking: \"<new version>\"` at the top of the catalogue\n",
                    ),
                }
            }
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{label}: {} breaking ({} acknowledged), {} compatible, {} cosmetic\n",
        count(changes, Impact::Breaking),
        count(changes, Impact::Breaking) - unacknowledged,
        count(changes, Impact::Compatible),
        count(changes, Impact::Cosmetic),
    ));
    if unacknowledged > 0 {
        out.push_str(&format!(
            "error: {unacknowledged} breaking change{} not acknowledged\n",
            if unacknowledged == 1 { " is" } else { "s are" }
        ));
    }
    let mut stdout = anstream::stdout().lock();
    let _ = write!(stdout, "{}", crate::diagnostics_output::paint(&out));
}

/// The catalogue's folder as it was at a revision, in a temporary folder
/// removed on drop.
struct Snapshot {
    dir: PathBuf,
    file: PathBuf,
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("error: cannot run git: {e}"))
}

/// Extracts the folder of `file` (so its includes come along) at `rev`;
/// `None` when the file did not exist there.
fn at_revision(file: &Path, rev: &str) -> Result<Option<Snapshot>, String> {
    let file = std::fs::canonicalize(file)
        .map_err(|e| format!("error: cannot read {}: {e}", file.display()))?;
    let dir = file.parent().unwrap_or(Path::new("/"));
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(format!(
            "error: {} is not in a git repository, so `--base` has nothing to read",
            file.display()
        ));
    }
    let root = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let rel = file
        .strip_prefix(&root)
        .map_err(|_| "error: the catalogue is outside its git repository".to_owned())?;
    let rel_text = rel.to_string_lossy().replace('\\', "/");
    let verify = git(
        &root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )?;
    if !verify.status.success() {
        return Err(format!(
            "error: `{rev}` is not a revision of this repository"
        ));
    }
    if !git(&root, &["cat-file", "-e", &format!("{rev}:{rel_text}")])?
        .status
        .success()
    {
        return Ok(None);
    }
    let folder = rel.parent().map(|p| p.to_string_lossy().replace('\\', "/"));
    let tmp = std::env::temp_dir().join(format!(
        "errcat-diff-{}-{}",
        std::process::id(),
        rev.replace(['/', ':', '~', '^'], "_")
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    let snapshot = Snapshot {
        dir: tmp.clone(),
        file: tmp.join(rel),
    };
    let mut args = vec![
        "archive".to_owned(),
        "--format=tar".to_owned(),
        rev.to_owned(),
    ];
    if let Some(folder) = folder.filter(|f| !f.is_empty()) {
        args.push("--".to_owned());
        args.push(folder);
    }
    let archive = Command::new("git")
        .arg("-C")
        .arg(&root)
        .args(&args)
        .output()
        .map_err(|e| format!("error: cannot run git: {e}"))?;
    if !archive.status.success() {
        return Err(format!(
            "error: git archive {rev} failed: {}",
            String::from_utf8_lossy(&archive.stderr).trim()
        ));
    }
    let mut tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&tmp)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("error: cannot run tar: {e}"))?;
    if let Some(mut stdin) = tar.stdin.take() {
        stdin
            .write_all(&archive.stdout)
            .map_err(|e| format!("error: tar: {e}"))?;
    }
    let status = tar.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("error: tar could not unpack the revision".into());
    }
    Ok(Some(snapshot))
}

/// The project folder `root` as it was at `rev` (extracted into a
/// temporary folder, removed when the snapshot drops), and where the
/// project is in it; `None` when it did not exist there.
fn folder_at_revision(root: &Path, rev: &str) -> Result<Option<(Snapshot, PathBuf)>, String> {
    let marker = root.join(crate::project::FILE_NAME);
    Ok(at_revision(&marker, rev)?.map(|snapshot| {
        let dir = snapshot
            .file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        (snapshot, dir)
    }))
}
