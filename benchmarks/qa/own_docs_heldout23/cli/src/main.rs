//! `ledgerly` - the command-line client for Ledgerly.
//!
//! It reads the API token from the LEDGERLY_TOKEN environment variable.

use std::env;

/// The API server the client talks to unless `--server` is given.
pub const DEFAULT_SERVER: &str = "https://api.ledgerly.example";

/// How many invoices `ledgerly list` shows per page.
pub const PAGE_SIZE: usize = 25;

/// Exports all invoices of one year as a CSV file, one row per invoice line.
/// The file is written to the current folder as `invoices-<year>.csv`.
pub fn export_year(year: u16) -> std::io::Result<()> {
    let _token = env::var("LEDGERLY_TOKEN"); // never printed or logged
    Ok(())
}
