//! `police-portal api-key issue|revoke|list`: Open311 keys from the command line, audited as
//! the administrator's changes in the browser are (as "command line").

use super::{ApiKeyWhat, CliResult, with_database};
use crate::config::Settings;
use crate::store::api_keys;
use crate::store::moderation::Actor;

#[derive(Debug, thiserror::Error)]
enum KeyCliError {
    #[error("a key named '{0}' already exists")]
    Exists(String),
    #[error("there is no key in use named '{0}'")]
    Missing(String),
    #[error("name the key's holder (2 to 120 characters)")]
    BadName,
}

fn command_line() -> Actor {
    Actor {
        staff_id: None,
        staff_email: "command line".into(),
        client: String::new(),
    }
}

pub async fn api_key(settings: Settings, what: ApiKeyWhat) -> CliResult {
    with_database(&settings, |pool| async move {
        match what {
            ApiKeyWhat::Issue { name } => {
                let name = name.trim().to_string();
                if !(2..=120).contains(&name.chars().count()) {
                    return Err(KeyCliError::BadName.into());
                }
                let key = api_keys::issue(&pool, &name, &command_line())
                    .await?
                    .ok_or_else(|| KeyCliError::Exists(name.clone()))?;
                println!("{key}");
                eprintln!("Issued a key to {name}; it is shown only this once.");
            }
            ApiKeyWhat::Revoke { name } => {
                let name = name.trim().to_string();
                if !api_keys::revoke(&pool, &name, &command_line()).await? {
                    return Err(KeyCliError::Missing(name).into());
                }
                println!("Revoked the key of {name}.");
            }
            ApiKeyWhat::List => {
                for k in api_keys::lines(&pool).await? {
                    let state = match k.revoked_at {
                        Some(at) => format!("revoked {}", at.format("%Y-%m-%d %H:%M UTC")),
                        None => "in use".into(),
                    };
                    println!("{}\t{}…\t{state}\t{} filed", k.name, k.prefix, k.filed);
                }
            }
        }
        Ok(())
    })
    .await
}
