//! `police-portal check`: the effective settings (secrets masked) and whether the database
//! answers.

use super::CliResult;
use crate::config::Settings;
use crate::database::{self, Database};

pub async fn check(settings: Settings) -> CliResult {
    for (name, value) in settings.describe() {
        println!("{name:<20} {value}");
    }
    let db = Database::open(&settings).await?;
    let answered = crate::store::ping(&db.pool).await;
    db.close().await;
    match answered {
        Ok(()) => {
            println!("{:<20} answers", "database");
            Ok(())
        }
        Err(e) => Err(Box::new(database::DatabaseError::Connect(e))),
    }
}
