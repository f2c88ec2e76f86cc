//! The dependency rules of ARCHITECTURE.md, checked on the source: a request travels one way.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every `crate::a::b` path a file names, as "a::b" (the first two segments).
fn crate_paths(text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let two: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).take(2).collect();
        paths.push(two.join("::"));
    }
    paths
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// (file, path) for every file under `dir` naming a crate path that `allowed` refuses.
fn offences(dir: &str, allowed: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let root = src();
    sources(&root.join(dir))
        .into_iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let name = file.strip_prefix(&root).unwrap().display().to_string();
            crate_paths(&text)
                .into_iter()
                .filter(|p| !allowed(p))
                .map(move |p| (name.clone(), p))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_domain_imports_nothing_of_the_crate_but_itself() {
    let found = offences("domain", |p| p.starts_with("domain"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_store_imports_only_the_domain() {
    let found = offences("store", |p| {
        p.starts_with("domain") || p.starts_with("store")
    });
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_public_view_is_a_leaf_of_the_web_layer() {
    let pages = [
        "accessibility",
        "home",
        "inspectors",
        "posts",
        "privacy",
        "submission",
        "track",
    ];
    let root = src().join("web/public/view");
    for file in sources(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        let pages = pages.map(|page| format!("crate::web::public::{page}"));
        for import in pages
            .iter()
            .chain(&["crate::web::staff".into(), "crate::web::api".into()])
        {
            assert!(
                !text.contains(import.as_str()),
                "{} imports {import}",
                file.display()
            );
        }
    }
}

#[test]
fn nothing_outside_the_web_layer_imports_its_audiences() {
    let root = src();
    for file in sources(&root) {
        if file.starts_with(root.join("web")) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for audience in ["crate::web::public", "crate::web::staff", "crate::web::api"] {
            assert!(
                !text.contains(audience),
                "{} imports {audience}",
                file.display()
            );
        }
    }
}

#[test]
fn the_audiences_do_not_import_each_other() {
    let root = src().join("web");
    for (dir, others) in [
        ("public", ["crate::web::staff", "crate::web::api"]),
        ("staff", ["crate::web::public", "crate::web::api"]),
        ("api", ["crate::web::public", "crate::web::staff"]),
    ] {
        for file in sources(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for other in others {
                assert!(!text.contains(other), "{} imports {other}", file.display());
            }
        }
    }
}

#[test]
fn sql_is_written_only_in_the_store() {
    let root = src();
    for file in sources(&root) {
        // The private cluster creates the portal's database before any store exists.
        if file.starts_with(root.join("store")) || file.starts_with(root.join("database/cluster")) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for call in ["sqlx::query", "query!(", "query_as!(", "query_scalar!("] {
            assert!(!text.contains(call), "{} calls {call}", file.display());
        }
    }
}

#[test]
fn no_source_file_is_over_500_lines() {
    for file in sources(&src()) {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        assert!(lines <= 500, "{} has {lines} lines", file.display());
    }
}
