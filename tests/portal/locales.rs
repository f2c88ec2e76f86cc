//! Every message exists in Kazakh, Russian and English, and every key the code uses exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use police_portal::domain::inspector::{Position, Rank};
use police_portal::domain::moderation::{Action, AuditAction, RejectionReason, TransitionError};
use police_portal::domain::place::PlaceKind;
use police_portal::domain::post::{PostKind, PostStatus, Service};
use police_portal::domain::submission::{Category, SubmissionKind, SubmissionStatus};
use police_portal::web::i18n::Lang;
use regex::Regex;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

/// The message ids defined in one language's Fluent files.
fn keys_of(lang: Lang) -> BTreeSet<String> {
    let id = Regex::new(r"(?m)^([a-z][a-z0-9-]*)\s*=").unwrap();
    files_under(&root().join("locales").join(lang.code()), "ftl")
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            id.captures_iter(&text)
                .map(|c| c[1].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Keys the templates and the code refer to.
fn used_keys(prefixes: &BTreeSet<String>) -> BTreeSet<(String, PathBuf)> {
    let call = Regex::new(r#"\b(?:t|t1|t1_quoting|tn|t_args)\(\s*"([a-z][a-z0-9-]*)""#).unwrap();
    let literal = Regex::new(r#""([a-z]+(?:-[a-z0-9]+)+)""#).unwrap();
    let mut used = BTreeSet::new();
    for file in files_under(&root().join("templates"), "html") {
        let text = std::fs::read_to_string(&file).unwrap();
        for c in call.captures_iter(&text) {
            used.insert((c[1].to_string(), file.clone()));
        }
    }
    for file in files_under(&root().join("src"), "rs") {
        let text = std::fs::read_to_string(&file).unwrap();
        for c in literal.captures_iter(&text) {
            let key = &c[1];
            let prefix = key.split('-').next().unwrap_or_default();
            if prefixes.contains(prefix) {
                used.insert((key.to_string(), file.clone()));
            }
        }
    }
    used
}

#[test]
fn every_language_has_the_same_messages() {
    let ru = keys_of(Lang::Ru);
    assert!(ru.len() > 20, "the Russian messages were found");
    for lang in [Lang::Kk, Lang::En] {
        let other = keys_of(lang);
        let missing: Vec<_> = ru.difference(&other).collect();
        let extra: Vec<_> = other.difference(&ru).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        assert!(
            extra.is_empty(),
            "{} has keys Russian lacks: {extra:?}",
            lang.code()
        );
    }
}

#[test]
fn every_key_the_templates_and_code_use_exists() {
    let defined = keys_of(Lang::Ru);
    let prefixes: BTreeSet<String> = defined
        .iter()
        .filter_map(|k| k.split('-').next().map(str::to_string))
        .collect();
    let used = used_keys(&prefixes);
    assert!(used.len() > 10, "the scan found the keys in use");
    let unknown: Vec<_> = used
        .iter()
        .filter(|(key, _)| !defined.contains(key))
        .collect();
    assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
}

/// Each message id with the variables its text uses, e.g. `status` in `{ $status }`, and
/// those of the messages it refers to (`{ time-to }` brings `$time` and `$sound`).
fn messages_with_variables(lang: Lang) -> Vec<(String, Vec<String>)> {
    let id = Regex::new(r"^([a-z][a-z0-9-]*)\s*=").unwrap();
    let var = Regex::new(r"\$([a-z_]+)").unwrap();
    let reference = Regex::new(r"\{\s*([a-z][a-z0-9-]*)\s*\}").unwrap();
    let mut out: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for file in files_under(&root().join("locales").join(lang.code()), "ftl") {
        for line in std::fs::read_to_string(file).unwrap().lines() {
            if let Some(c) = id.captures(line) {
                out.push((c[1].to_string(), Vec::new(), Vec::new()));
            }
            if let Some((_, vars, refs)) = out.last_mut() {
                vars.extend(var.captures_iter(line).map(|c| c[1].to_string()));
                refs.extend(reference.captures_iter(line).map(|c| c[1].to_string()));
            }
        }
    }
    let own: std::collections::HashMap<String, Vec<String>> = out
        .iter()
        .map(|(key, vars, _)| (key.clone(), vars.clone()))
        .collect();
    out.into_iter()
        .map(|(key, mut vars, refs)| {
            for r in refs {
                vars.extend(own.get(&r).cloned().unwrap_or_default());
            }
            (key, vars)
        })
        .collect()
}

#[test]
fn every_message_renders_in_every_language() {
    for lang in Lang::ALL {
        for (key, vars) in messages_with_variables(lang) {
            let args: Vec<(
                &'static str,
                fluent_templates::fluent_bundle::FluentValue<'static>,
            )> = vars
                .iter()
                .map(|v| (&*v.clone().leak(), "7".into()))
                .collect();
            let text = lang.t_args(&key, &args);
            assert_ne!(text, key, "{}: {key} does not render", lang.code());
            assert!(!text.trim().is_empty(), "{}: {key} is empty", lang.code());
        }
    }
}

/// The message key of every word of the portal's typed vocabulary.
fn vocabulary_keys() -> Vec<&'static str> {
    let mut keys = Vec::new();
    keys.extend(Category::ALL.map(Category::key));
    keys.extend(SubmissionKind::ALL.map(SubmissionKind::key));
    keys.extend(SubmissionStatus::ALL.map(SubmissionStatus::key));
    keys.extend(RejectionReason::ALL.map(RejectionReason::key));
    keys.extend(Action::ALL.map(Action::key));
    keys.extend(
        [TransitionError::NotAllowed, TransitionError::AdminOnly].map(TransitionError::key),
    );
    keys.extend(Rank::ALL.map(Rank::key));
    keys.extend(Position::ALL.map(Position::key));
    keys.extend(PostKind::ALL.map(PostKind::key));
    keys.extend(PostStatus::ALL.map(PostStatus::key));
    keys.extend(Service::ALL.map(Service::key));
    keys.extend(PlaceKind::ALL.map(PlaceKind::key));
    keys.extend(
        AuditAction::all()
            .into_iter()
            .map(|a| &*Box::leak(a.key().into_boxed_str())),
    );
    keys
}

#[test]
fn every_word_of_the_typed_vocabulary_has_a_message_in_every_language() {
    let keys = vocabulary_keys();
    assert!(keys.len() > 50, "the vocabulary was enumerated");
    for lang in Lang::ALL {
        let defined = keys_of(lang);
        let missing: Vec<_> = keys.iter().filter(|k| !defined.contains(**k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
    }
}

#[tokio::test]
async fn quotes_typed_inside_a_quoted_message_become_inner_quotes() {
    let app = crate::helpers::TestApp::builder().spawn().await;
    let query = serde_urlencoded::to_string([("q", "ТРЦ «Нигде»"), ("lang", "ru")]).unwrap();
    let html = app.page(&format!("/posts?{query}"), 200).await;
    assert_eq!(
        crate::helpers::text(&html, "p.error-message[role=status]"),
        "По запросу «ТРЦ „Нигде“» ничего не найдено. Проверьте написание, попробуйте соседнюю \
         улицу или ориентир либо укажите координаты."
    );
}

/// One term per thing: the district inspector is «участковый инспектор» / «учаскелік инспектор»
/// (never the bare adjective), and a police post in general is «пункт полиции» in Russian,
/// «пост» naming only the kinds of post.
#[test]
fn each_language_calls_one_thing_by_one_term() {
    let bare_ru =
        Regex::new(r"[Уу]частков(ый|ого|ому|ым|ом|ые|ых)\b(\s+(инспектор|пункт)\w*)?").unwrap();
    let bare_kk = Regex::new(r"[Уу]часкелік\w*(\s+(инспектор|полиция|пункт)\w*)?").unwrap();
    let post_ru = Regex::new(r"\b[Пп]ост(а|у|ом|е|ы|ов|ам|ами|ах)?\b").unwrap();
    let kinds = [
        "kind-modular-post",
        "kind-stationary-post",
        "home-posts-text",
    ];
    let mut found = Vec::new();
    for (lang, bare) in [(Lang::Ru, &bare_ru), (Lang::Kk, &bare_kk)] {
        for file in files_under(&root().join("locales").join(lang.code()), "ftl") {
            for line in std::fs::read_to_string(&file).unwrap().lines() {
                let key = line.split(" = ").next().unwrap_or_default();
                for m in bare.captures_iter(line) {
                    if m.get(2).is_none() {
                        found.push(format!("{}: {line}", lang.code()));
                    }
                }
                if lang == Lang::Ru && post_ru.is_match(line) && !kinds.contains(&key) {
                    found.push(format!("ru (пост): {line}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
