//! `police-portal import posts|gazetteer|inspectors|beats FILE`: all or nothing, by external id.

use super::{CliResult, ImportWhat, with_database};
use crate::config::Settings;
use crate::import;

pub async fn import(settings: Settings, what: ImportWhat) -> CliResult {
    let (data_dir, bounds) = (settings.data_dir.clone(), settings.city_bounds);
    let report = with_database(&settings, |pool| async move {
        let report = match &what {
            ImportWhat::Posts { file } => import::import_posts(&pool, file).await,
            ImportWhat::Gazetteer { file } => import::import_places(&pool, file).await,
            ImportWhat::Inspectors { file, photos } => {
                import::import_inspectors(&pool, file, photos.as_deref(), &data_dir).await
            }
            ImportWhat::Beats { file } => import::import_beats(&pool, file, bounds).await,
        }?;
        Ok(report)
    })
    .await?;
    println!("Imported: {report}.");
    Ok(())
}
