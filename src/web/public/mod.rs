//! Pages for residents.

pub mod home;
pub mod inspectors;
pub mod location;
pub mod posts;
pub mod submissions;
