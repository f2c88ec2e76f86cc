//! A community police portal: posts, district inspectors, residents' feedback and requests.

pub mod auth;
pub mod cli;
pub mod config;
pub mod database;
pub mod domain;
pub mod import;
pub mod notify;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod web;
