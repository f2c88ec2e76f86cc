//! An import from text (a file uploaded in the browser): checked like the command line's, then
//! applied in one transaction, committed or, for the preview, rolled back. The preview is the
//! real import undone, so it says exactly which rows would be added, changed or left as they
//! are.

use sqlx::{PgConnection, PgPool};

use super::{ImportError, Record, RowError, Source, beats, gazetteer, inspectors, posts};
use crate::domain::beat::Bounds;
use crate::store::directory::{self, DirectoryTable};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Posts,
    Places,
    Inspectors,
    Beats,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Posts, Kind::Places, Kind::Inspectors, Kind::Beats];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Posts => "posts",
            Kind::Places => "gazetteer",
            Kind::Inspectors => "inspectors",
            Kind::Beats => "beats",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    fn table(self) -> DirectoryTable {
        match self {
            Kind::Posts => DirectoryTable::Posts,
            Kind::Places => DirectoryTable::Places,
            Kind::Inspectors => DirectoryTable::Inspectors,
            Kind::Beats => DirectoryTable::Beats,
        }
    }
}

/// The external ids of the file's rows, by what the import does to them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: Vec<String>,
}

async fn upsert_each<T: Record>(
    conn: &mut PgConnection,
    table: DirectoryTable,
    records: &[&T],
) -> Result<Outcome, sqlx::Error> {
    let mut outcome = Outcome::default();
    for record in records {
        let id = record.external_id().to_string();
        let existed = directory::exists(conn, table, &id).await?;
        match (existed, record.upsert(conn).await?) {
            (false, _) => outcome.added.push(id),
            (true, true) => outcome.changed.push(id),
            (true, false) => outcome.unchanged.push(id),
        }
    }
    Ok(outcome)
}

/// Applies the file; with `commit` false nothing stays (the preview).
pub async fn apply(
    pool: &PgPool,
    kind: Kind,
    source: &Source<'_>,
    city: Bounds,
    commit: bool,
) -> Result<Outcome, ImportError> {
    let mut tx = pool.begin().await?;
    let table = kind.table();
    let outcome = match kind {
        Kind::Posts => {
            let records = posts::parse(source)?;
            upsert_each(&mut tx, table, &records.iter().collect::<Vec<_>>()).await?
        }
        Kind::Places => {
            let records = gazetteer::parse(source)?;
            upsert_each(&mut tx, table, &records.iter().collect::<Vec<_>>()).await?
        }
        Kind::Inspectors => {
            let records = inspectors::parse(source)?;
            let mut errors = inspectors::unknown_posts(&mut tx, &records).await?;
            // Photo files come with the command line's --photos; here a photo is uploaded
            // on the inspector's page.
            for (place, record) in &records {
                if let Some(photo) = &record.photo {
                    errors.push(RowError {
                        place: place.clone(),
                        message: format!(
                            "photo '{photo}': leave the photo column empty here and upload the photo on the inspector's page"
                        ),
                    });
                }
            }
            if !errors.is_empty() {
                return Err(ImportError::Invalid(errors));
            }
            let records: Vec<_> = records.iter().map(|(_, r)| r).collect();
            upsert_each(&mut tx, table, &records).await?
        }
        Kind::Beats => {
            let records = beats::parse(source, city)?;
            let errors = beats::unknown_inspectors(&mut tx, &records).await?;
            if !errors.is_empty() {
                return Err(ImportError::Invalid(errors));
            }
            let records: Vec<_> = records.iter().map(|(_, r)| r).collect();
            upsert_each(&mut tx, table, &records).await?
        }
    };
    if commit {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(outcome)
}
