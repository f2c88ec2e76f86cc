//! Plain types and rules of the portal, without I/O.

pub mod beat;
pub mod geo;
pub mod hours;
pub mod post;
pub mod text;
