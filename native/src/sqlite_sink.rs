//! The embedded store as a sink: one SQLite connection in WAL mode, a commit every
//! `commit_every` statements, and a checkpoint that waits for the disk at the end.

use std::time::Instant;

use rusqlite::Connection;

use crate::incoming::Incoming;
use crate::ledger::Ledger;
use crate::writer::Writer;
use crate::{Finished, Sink};

pub struct SqliteSink {
    writer: Writer,
    commit_every: i64,
    since_commit: i64,
}

fn sql(error: rusqlite::Error) -> String {
    format!("SQLite: {error}")
}

fn open(path: &str) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(60))?;
    // The store stays in WAL mode; a bulk import does not wait for the disk at each commit
    // (a process crash loses nothing committed; see docs/import.md for a power loss).
    conn.execute_batch(
        "PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; \
         PRAGMA foreign_keys=OFF; PRAGMA wal_autocheckpoint=20000;",
    )?;
    Ok(conn)
}

impl SqliteSink {
    pub fn open(path: &str, seq: i64, commit_every: i64) -> Result<Self, String> {
        let conn = open(path).map_err(|e| format!("{path}: {e}"))?;
        Ok(SqliteSink {
            writer: Writer::new(conn, seq),
            commit_every,
            since_commit: 0,
        })
    }
}

impl Sink for SqliteSink {
    fn ledger(&mut self) -> &mut Ledger {
        &mut self.writer.ledger
    }

    fn start(&mut self) -> Result<(), String> {
        let conn = self.writer.conn();
        conn.execute_batch("BEGIN IMMEDIATE").map_err(sql)?;
        // Its decisions are made in memory: exact only while no other import wrote in between.
        let written: bool = conn
            .query_row("SELECT EXISTS (SELECT 1 FROM statements)", [], |row| {
                row.get(0)
            })
            .map_err(sql)?;
        if written {
            return Err(
                "another import wrote statements into this store since it was opened; \
                        import again"
                    .into(),
            );
        }
        Ok(())
    }

    fn take(&mut self, incoming: Incoming) -> Result<(), String> {
        self.since_commit += 1;
        self.writer.write(incoming)
    }

    fn batch_done(&mut self) -> Result<(), String> {
        if self.since_commit < self.commit_every {
            return Ok(());
        }
        self.writer.flush().map_err(sql)?;
        let started = Instant::now();
        self.writer.save_seq().map_err(sql)?;
        self.writer
            .conn()
            .execute_batch("COMMIT; BEGIN IMMEDIATE")
            .map_err(sql)?;
        self.writer.ledger.outcome.profile.commit += started.elapsed();
        self.since_commit = 0;
        Ok(())
    }

    fn end(mut self: Box<Self>, received: bool) -> Result<Finished, String> {
        self.writer.flush().map_err(sql)?;
        if received {
            // as the Python writer, which stores the arrival counter with every batch it writes
            self.writer.save_seq().map_err(sql)?;
        }
        // Durable once the import says it is done: a checkpoint that waits for the disk copies
        // every commit into the store file (the commits themselves did not wait; docs/import.md).
        let started = Instant::now();
        self.writer
            .conn()
            .execute_batch("COMMIT; PRAGMA synchronous=NORMAL; PRAGMA wal_checkpoint(PASSIVE);")
            .map_err(sql)?;
        self.writer.ledger.outcome.profile.commit += started.elapsed();
        let Writer { ledger, .. } = self.writer;
        Ok(Finished {
            seq: ledger.seq,
            outcome: ledger.outcome,
            files: Vec::new(),
            multiline: false,
            longest_line: 0,
        })
    }
}
