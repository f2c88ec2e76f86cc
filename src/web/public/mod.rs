//! Pages for residents: one folder per area, one file per action, and `view` for what the
//! pages share.

pub mod accessibility;
pub mod beats;
pub mod bookings;
pub mod home;
pub mod inspectors;
pub mod posts;
pub mod privacy;
pub mod statistics;
pub mod submission;
pub mod track;
pub mod view;
