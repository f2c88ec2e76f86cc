//! `police-portal staff add|disable|list`: staff accounts. A password is read from a hidden
//! prompt or standard input, never from an argument.

use super::{CliResult, StaffWhat, with_database};
use crate::auth::{MIN_PASSWORD_CHARS, hash_password};
use crate::config::Settings;
use crate::domain::moderation::StaffRole;
use crate::domain::submission::Email;
use crate::store::sessions;
use crate::store::staff as accounts;

#[derive(Debug, thiserror::Error)]
enum StaffCliError {
    #[error("the password must have at least {0} characters")]
    ShortPassword(usize),
    #[error("'{0}' is not an e-mail address")]
    BadEmail(String),
    #[error("an account with the e-mail {0} already exists")]
    Exists(String),
    #[error("there is no account with the e-mail {0}")]
    Missing(String),
    #[error("the password could not be read: {0}")]
    Read(String),
    #[error("name the account whose sessions end, or use --all")]
    WhoseSessions,
}

/// The password from a hidden prompt on a terminal, or the first line of standard input.
fn read_password() -> Result<String, StaffCliError> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("Password: ")
            .map_err(|e| StaffCliError::Read(e.to_string()));
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| StaffCliError::Read(e.to_string()))?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

pub async fn staff(settings: Settings, what: StaffWhat) -> CliResult {
    // Read the password before the database starts, so that a prompt is not interleaved.
    let password = match &what {
        StaffWhat::Add { .. } => Some(read_password()?),
        _ => None,
    };
    with_database(&settings, |pool| async move {
        match what {
            StaffWhat::Add { email, name, role } => {
                let password = password.unwrap_or_default();
                add(&pool, &email, &name, &role, &password).await?;
            }
            StaffWhat::Disable { email } => {
                let email = email.trim().to_lowercase();
                if !accounts::disable(&pool, &email).await? {
                    return Err(StaffCliError::Missing(email).into());
                }
                println!("Disabled {email}; its sessions have ended.");
            }
            StaffWhat::EndSessions { email, all } => {
                let ended = match (email, all) {
                    (Some(email), _) => {
                        let email = email.trim().to_lowercase();
                        let account = accounts::by_email(&pool, &email)
                            .await?
                            .ok_or(StaffCliError::Missing(email))?;
                        sessions::end_all_of(&pool, account.id, None).await?
                    }
                    (None, true) => sessions::end_all(&pool).await?,
                    (None, false) => return Err(StaffCliError::WhoseSessions.into()),
                };
                println!("Ended {ended} session(s).");
            }
            StaffWhat::ResetTwoFactor { email } => {
                let email = email.trim().to_lowercase();
                let account = accounts::by_email(&pool, &email)
                    .await?
                    .ok_or(StaffCliError::Missing(email.clone()))?;
                let actor = crate::store::moderation::Actor {
                    staff_id: None,
                    staff_email: "command line".into(),
                    client: String::new(),
                };
                if crate::store::two_factor::disable(&pool, account.id, &actor, true).await? {
                    println!("Two-factor sign-in of {email} is off; its sessions have ended.");
                } else {
                    println!("{email} had no two-factor sign-in; its sessions have ended.");
                }
            }
            StaffWhat::List => {
                for a in accounts::list(&pool).await? {
                    let state = if a.active { "active" } else { "disabled" };
                    println!(
                        "{:<40} {:<10} {:<9} {}",
                        a.email,
                        a.role.code(),
                        state,
                        a.name
                    );
                }
            }
        }
        Ok(())
    })
    .await
}

async fn add(
    pool: &sqlx::PgPool,
    email: &str,
    name: &str,
    role: &str,
    password: &str,
) -> CliResult {
    let email = email.trim().to_lowercase();
    if Email::parse(&email).is_none() {
        return Err(StaffCliError::BadEmail(email).into());
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StaffCliError::ShortPassword(MIN_PASSWORD_CHARS).into());
    }
    let role = StaffRole::parse(role).unwrap_or(StaffRole::Moderator);
    let hash = hash_password(password).map_err(|e| StaffCliError::Read(e.to_string()))?;
    if !accounts::create(pool, &email, name.trim(), role, &hash).await? {
        return Err(StaffCliError::Exists(email).into());
    }
    println!("Added {email} ({}).", role.code());
    Ok(())
}
