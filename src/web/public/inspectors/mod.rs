//! Find my district inspector (`/inspectors/find`), the directory (`/inspectors`), one card
//! (`/inspectors/{id}`) and the portrait (`/inspectors/{id}/photo`).

pub mod directory;
pub mod find;
pub mod photo;
pub mod show;
