//! Plain types and rules of the portal, without I/O.

pub mod beat;
pub mod deadline;
pub mod field;
pub mod geo;
pub mod hours;
pub mod inspector;
pub mod lang;
pub mod moderation;
pub mod post;
pub mod submission;
pub mod text;
