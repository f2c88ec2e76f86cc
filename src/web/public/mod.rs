//! Pages for residents.

pub mod home;
pub mod location;
pub mod posts;
