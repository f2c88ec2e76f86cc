//! The command line: parsing only; `cli` runs the commands.

use std::process::ExitCode;

use clap::Parser;
use police_portal::cli::{self, Cli};

#[actix_web::main]
async fn main() -> ExitCode {
    cli::run(Cli::parse()).await
}
