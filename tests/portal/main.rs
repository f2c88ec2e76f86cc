//! Integration tests: the real portal over HTTP, on a real PostgreSQL, in a real browser.
// A test fails at the first broken expectation, with the reason; a scenario reads top to
// bottom in one function.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod accounts;
mod admin;
mod badges;
mod battery;
mod beats;
mod browser;
mod case_browser;
mod case_tools;
mod cases;
mod check;
mod cli;
mod deploy;
mod hardening;
mod health;
mod helpers;
mod home;
mod import;
mod inspectors;
mod instances;
mod layers;
mod locales;
mod notify;
mod open311;
mod open311_filing;
mod phone;
mod posts;
mod replies;
mod roster;
mod staff;
mod statistics;
mod status_sets;
mod submissions;
mod uploads;
