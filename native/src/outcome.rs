//! What the writer thread reports when it ends: counts per file, conflicts, and where its
//! time went.

use std::sync::Arc;
use std::time::Duration;

pub struct Conflict {
    /// The file being imported (for its counts) and the file the record names.
    pub file: Arc<str>,
    pub record_file: String,
    pub position: i64,
    pub statement_id: String,
    pub raw: Vec<u8>,
}

/// Statements loaded and duplicates, per file in the order the files came.
pub struct FileCount {
    pub file: Arc<str>,
    pub loaded: i64,
    pub duplicates: i64,
}

#[derive(Default)]
pub struct Outcome {
    pub per_file: Vec<FileCount>,
    pub conflicts: Vec<Conflict>,
    pub profile: Profile,
}

/// Where the writer thread's time went, for benchmarks and `docs/import.md`.
#[derive(Default)]
pub struct Profile {
    /// Deriving the index of records Python handed over without one (`derive.rs`).
    pub index: Duration,
    pub parse: Duration,
    pub statements: Duration,
    pub nodes: Duration,
    pub search: Duration,
    pub edges: Duration,
    pub commit: Duration,
    pub waiting: Duration,
}

impl Profile {
    pub fn items(&self) -> [(&'static str, f64); 8] {
        [
            ("index", self.index.as_secs_f64()),
            ("parse", self.parse.as_secs_f64()),
            ("statements", self.statements.as_secs_f64()),
            ("nodes", self.nodes.as_secs_f64()),
            ("search", self.search.as_secs_f64()),
            ("edges", self.edges.as_secs_f64()),
            ("commit", self.commit.as_secs_f64()),
            ("waiting", self.waiting.as_secs_f64()),
        ]
    }
}

impl Outcome {
    pub fn count(&mut self, file: &Arc<str>) -> &mut FileCount {
        let same = matches!(self.per_file.last(), Some(last) if last.file == *file);
        if !same {
            self.per_file.push(FileCount {
                file: file.clone(),
                loaded: 0,
                duplicates: 0,
            });
        }
        self.per_file.last_mut().expect("just pushed")
    }
}
