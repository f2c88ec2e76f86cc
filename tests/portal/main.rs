//! Integration tests: the real portal over HTTP, on a real PostgreSQL, in a real browser.
#![allow(clippy::unwrap_used)]

mod browser;
mod cli;
mod health;
mod helpers;
mod home;
mod import;
mod inspectors;
mod locales;
mod posts;
mod staff;
mod submissions;
