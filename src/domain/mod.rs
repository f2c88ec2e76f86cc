//! Plain types and rules of the portal, without I/O. Nothing here indexes a slice: a rule
//! that reads past the end is a bug to be told, not a panic.
#![deny(clippy::indexing_slicing)]

pub mod answer_template;
pub mod beat;
pub mod beat_life;
pub mod booking;
pub mod deadline;
pub mod field;
pub mod geo;
pub mod hours;
pub mod inspector;
pub mod inspector_form;
pub mod lang;
pub mod moderation;
pub mod notice;
pub mod open311;
pub mod photo;
pub mod place;
pub mod place_form;
pub mod post;
pub mod post_form;
pub mod redaction;
pub mod statistics;
pub mod submission;
pub mod text;
pub mod totp;
