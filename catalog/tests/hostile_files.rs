//! Files a catalogue must never make the loader read in full, wait on, or
//! quote: devices, pipes, huge files, and files outside the catalogue's
//! directory.

use errcat_catalog::{LoadOptions, load, load_with};
use std::path::{Path, PathBuf};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const CATALOGUE: &str = "name: shop\ntitle: Shop\nenvelope: flat\ncategories:\n  misc: Misc\nerrors:\n  oops:\n    status: 500\n    category: misc\n    message: Oops.\n    fixes: [Retry.]\n";

fn rendered_error(path: &Path) -> String {
    load(path).expect_err("the file is refused").render()
}

#[test]
fn a_device_is_refused_without_reading_it() {
    // Reading /dev/zero to the end never finishes; it must not be opened.
    let text = rendered_error(Path::new("/dev/zero"));
    assert!(text.contains("error[E0001]"), "{text}");
    assert!(text.contains("not a regular file"), "{text}");
}

#[test]
fn a_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = scratch("fifo");
    let fifo = dir.join("errors.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    // Opening a pipe for reading blocks until a writer comes: a loader
    // that opened it would hang here.
    let text = rendered_error(&fifo);
    assert!(text.contains("not a regular file"), "{text}");
    // And as an include.
    std::fs::write(
        dir.join("root.yaml"),
        format!("{CATALOGUE}includes: [errors.yaml]\n"),
    )
    .unwrap();
    let text = rendered_error(&dir.join("root.yaml"));
    assert!(
        text.contains("error[E0051]") && text.contains("not a regular file"),
        "{text}"
    );
}

#[test]
fn a_huge_sparse_file_is_refused_without_reading_it() {
    // Four GiB that take no disk: reading them would take four GiB of
    // memory first.
    let dir = scratch("sparse");
    let file = dir.join("errors.yaml");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let text = rendered_error(&file);
    assert!(text.contains("error[E0004]"), "{text}");
}

#[test]
fn includes_outside_the_catalogue_directory_are_refused_unless_allowed() {
    let dir = scratch("outside");
    let inner = dir.join("catalogue");
    std::fs::create_dir_all(inner.join("shared")).unwrap();
    let secret = "secret-token-1234: not a catalogue\n";
    std::fs::write(dir.join("secret.yaml"), secret).unwrap();
    std::fs::write(dir.join("shared.yaml"), "categories:\n  more: More\n").unwrap();
    // A symlink inside the directory that leads outside counts as outside.
    std::os::unix::fs::symlink(dir.join("secret.yaml"), inner.join("shared/link.yaml")).unwrap();
    for include in ["../secret.yaml", "shared/link.yaml", "/etc/passwd"] {
        let root = inner.join("errors.yaml");
        std::fs::write(&root, format!("{CATALOGUE}includes: [{include}]\n")).unwrap();
        let text = rendered_error(&root);
        assert!(text.contains("error[E0053]"), "{include}: {text}");
        assert!(
            !text.contains("secret-token") && !text.contains("root:"),
            "{include}: {text}"
        );
    }
    // Allowed explicitly, an include outside is read.
    let root = inner.join("errors.yaml");
    std::fs::write(&root, format!("{CATALOGUE}includes: [../shared.yaml]\n")).unwrap();
    assert!(load(&root).is_err());
    let allow = LoadOptions {
        allow_outside_includes: true,
        root: None,
    };
    let loaded = load_with(&root, &dir, &allow).expect("allowed");
    assert_eq!(loaded.catalog.categories.len(), 2);
    // But never outside the project, when there is one.
    let confined = LoadOptions {
        allow_outside_includes: true,
        root: Some(inner.clone()),
    };
    let err = load_with(&root, &dir, &confined).unwrap_err().render();
    assert!(err.contains("shared.yaml"), "{err}");
    assert!(
        !err.contains("categories:"),
        "nothing outside is quoted: {err}"
    );
}

#[test]
fn a_file_that_is_not_yaml_is_never_quoted() {
    let dir = scratch("quote");
    let file = dir.join("passwd");
    std::fs::write(&file, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let text = rendered_error(&file);
    assert!(!text.contains("/bin/bash"), "{text}");
    assert!(
        text.contains("passwd:1:1"),
        "the location is still given: {text}"
    );
    // The same text in a `.yaml` file is a catalogue's, and is quoted.
    let yaml = dir.join("passwd.yaml");
    std::fs::write(&yaml, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    assert!(rendered_error(&yaml).contains("/bin/bash"));
}

/// An include flipped between a local file and a symlink to a file outside,
/// while the catalogue is loaded again and again: the outside file is never
/// read, whatever the timing.
#[cfg(unix)]
#[test]
fn an_include_swapped_for_a_symlink_mid_load_is_never_read() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = scratch("race");
    let inner = dir.join("catalogue");
    std::fs::create_dir_all(&inner).unwrap();
    // Valid YAML outside: read by mistake, the load would succeed with it.
    let secret =
        "errors:\n  leaked_secret:\n    status: 500\n    message: Leaked.\n    fixes: [None.]\n";
    std::fs::write(dir.join("secret.yaml"), secret).unwrap();
    let local = "categories:\n  more: More\n";
    let root = inner.join("errors.yaml");
    std::fs::write(&root, format!("{CATALOGUE}includes: [part.yaml]\n")).unwrap();
    let part = inner.join("part.yaml");
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let (plain, link) = (inner.join("plain.tmp"), inner.join("link.tmp"));
            while !stop.load(Ordering::Relaxed) {
                std::fs::write(&plain, local).unwrap();
                std::fs::rename(&plain, &part).unwrap();
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(dir.join("secret.yaml"), &link).unwrap();
                std::fs::rename(&link, &part).unwrap();
            }
        });
        let (mut refused, mut read) = (0, 0);
        for _ in 0..1000 {
            match load(&root) {
                Ok(loaded) => {
                    read += 1;
                    assert!(
                        !loaded
                            .catalog
                            .entries
                            .iter()
                            .any(|e| e.code.contains("leaked"))
                    );
                }
                Err(err) => {
                    refused += 1;
                    assert!(!err.render().contains("Leaked."), "{}", err.render());
                }
            }
        }
        stop.store(true, Ordering::Relaxed);
        // Both sides of the race were seen, so the swap really happened.
        assert!(refused > 0 && read > 0, "refused {refused}, read {read}");
    });
}
