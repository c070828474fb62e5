//! What both sinks decide the same way: a statement id already taken with the same content is a
//! duplicate, with other content a conflict; every other statement gets the next arrival number.

use crate::fast_map::Map;
use std::time::Instant;

use crate::incoming::Incoming;
pub use crate::outcome::{Conflict, Outcome};
use crate::record::{self, Parsed};

pub struct Ledger {
    hashes: Map<Box<str>, u128>,
    /// The arrival number of the last statement admitted.
    pub seq: i64,
    pub outcome: Outcome,
}

impl Ledger {
    pub fn new(seq: i64) -> Self {
        Ledger {
            hashes: Map::default(),
            seq,
            outcome: Outcome::default(),
        }
    }

    /// The parsed statement when it is new (its arrival number is then `self.seq`); `None` for
    /// a duplicate or a conflict, each already counted.
    pub fn admit(&mut self, incoming: &Incoming) -> Result<Option<Parsed>, String> {
        let started = Instant::now();
        let parsed = record::parse(incoming)?;
        self.outcome.profile.parse += started.elapsed();
        let digest = u128::from_str_radix(&parsed.content_hash, 16).map_err(|e| e.to_string())?;
        match self.hashes.get(parsed.statement_id.as_str()) {
            Some(seen) if *seen == digest => {
                self.outcome.count(&incoming.file).duplicates += 1;
                return Ok(None);
            }
            Some(_) => {
                self.outcome.conflicts.push(Conflict {
                    file: incoming.file.clone(),
                    record_file: record_file(incoming).to_string(),
                    position: incoming.position,
                    statement_id: parsed.statement_id,
                    raw: incoming.raw.clone(),
                });
                return Ok(None);
            }
            None => {}
        }
        self.hashes
            .insert(parsed.statement_id.as_str().into(), digest);
        self.seq += 1;
        Ok(Some(parsed))
    }

    /// Count a statement written.
    pub fn loaded(&mut self, incoming: &Incoming) {
        self.outcome.count(&incoming.file).loaded += 1;
    }
}

/// The file a statement's provenance names: the file being imported, unless given.
pub fn record_file(incoming: &Incoming) -> &str {
    incoming
        .given
        .as_ref()
        .map_or(&*incoming.file, |given| given.file.as_str())
}
