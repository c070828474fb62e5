//! The `statements` rows the writer queues (see `Writer::flush`).

pub const INSERT_STATEMENT: &str = "INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

/// Rows of `statements` written together (about 20 MB).
pub const STATEMENT_RUN: usize = 10_000;

pub struct StatementRow {
    pub statement_id: String,
    pub record_id: String,
    pub record_type: String,
    pub record_status: String,
    pub statement_date: Option<String>,
    pub seq: i64,
    pub source: String,
    pub file: String,
    pub position: i64,
    pub publication_date: Option<String>,
    pub retrieved_at: Option<String>,
    pub source_format: String,
    pub content_hash: String,
    pub raw: Vec<u8>,
}
