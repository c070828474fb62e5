//! The write rules of `bo_graph/store/embedded/writer.py`, for a first import of BODS 0.4 into an
//! empty store: every decision is made from what this import has written, held in memory.
//!
//! Rules (the same as the Python writer's): a statement id already written with the same content
//! is a duplicate, with other content a conflict; the latest version of a record by (statement
//! date, arrival order) is its current row, every other version goes to history; a node's
//! identifier and search rows follow its current version.

use crate::fast_map::Map;
use std::time::Instant;

use rusqlite::{params, Connection};

use crate::incoming::{self, NOT_DERIVED};
use crate::ledger::{record_file, Ledger};
use crate::record::{self, Incoming, Index, Parsed, Unspecified};
use crate::rows::{StatementRow, INSERT_STATEMENT, STATEMENT_RUN};

/// A record's version order: (statement date or "", arrival order).
type Stamp = (String, i64);

pub struct Writer {
    conn: Connection,
    pub ledger: Ledger,
    node_stamps: Map<String, Stamp>,
    /// Search rows of this transaction by rowid, written in rowid order at commit: FTS5 writes
    /// its pending terms out whenever a rowid is not above the last one, so rows in hash order
    /// would each become a segment of their own.
    search: Map<i64, (String, String)>,
    /// `statements` rows not yet written: they go in runs, so that the table's pages lie
    /// together in the file and whole-store reads of the other tables are not spread over it.
    statements: Vec<StatementRow>,
    edge_stamps: Map<String, Stamp>,
}

const MOVE_NODE: &str =
    "INSERT OR IGNORE INTO node_versions SELECT statement_id || '#' || id, id, \
     statement_date, seq, closed, details FROM nodes WHERE id = ?";
const MOVE_EDGE: &str = "INSERT OR IGNORE INTO edge_versions SELECT statement_id, id, subject, \
     party, statement_date, seq, closed, details FROM edges WHERE id = ?";
const INSERT_NODE_VERSION: &str = "INSERT OR IGNORE INTO node_versions VALUES (?,?,?,?,?,?)";
const INSERT_EDGE_VERSION: &str = "INSERT OR IGNORE INTO edge_versions VALUES (?,?,?,?,?,?,?,?)";
const UPSERT_NODE: &str = "INSERT INTO nodes (id, record_id, kind, name, name_fold, statement_id, \
     statement_date, seq, closed, details) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE \
     SET record_id=excluded.record_id, kind=excluded.kind, name=excluded.name, \
     name_fold=excluded.name_fold, statement_id=excluded.statement_id, \
     statement_date=excluded.statement_date, seq=excluded.seq, closed=excluded.closed, \
     details=excluded.details";
const REPLACE_EDGE: &str = "INSERT OR REPLACE INTO edges VALUES (?,?,?,?,?,?,?,?,?,?)";

/// A node as `_add_node` builds it.
struct NodeRow<'a> {
    uid: &'a str,
    kind: &'a str,
    name: &'a str,
    name_fold: &'a str,
    search_text: &'a str,
    keys: &'a [String],
    closed: bool,
    payload: Vec<u8>,
}

impl Writer {
    pub fn new(conn: Connection, seq: i64) -> Self {
        Writer {
            conn,
            ledger: Ledger::new(seq),
            node_stamps: Map::default(),
            search: Map::default(),
            statements: Vec::with_capacity(STATEMENT_RUN),
            edge_stamps: Map::default(),
        }
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn write(&mut self, incoming: Incoming) -> Result<(), String> {
        let Some(parsed) = self.ledger.admit(&incoming)? else {
            return Ok(());
        };
        self.add_statement(&incoming, &parsed).map_err(sql)?;
        match &incoming.index {
            Index::Derive => return Err(NOT_DERIVED.into()),
            Index::Party(index) => {
                let kind = if parsed.record_type == "person" {
                    "person"
                } else {
                    "entity"
                };
                let node = NodeRow {
                    uid: &parsed.record_id,
                    kind,
                    name: &index.name,
                    name_fold: &index.name_fold,
                    search_text: &index.search_text,
                    keys: &index.keys,
                    closed: parsed.record_status == "closed",
                    payload: record::payload(&parsed.details, &parsed.provenance),
                };
                self.add_node(&parsed, node).map_err(sql)?;
            }
            Index::Relationship(index) => {
                let subject = self.end(&parsed, &parsed.subject, &index.subject, "subject")?;
                let party = self.end(&parsed, &parsed.party, &index.party, "interestedParty")?;
                self.add_edge(&parsed, &subject, &party, &index.types)
                    .map_err(sql)?;
            }
        }
        self.ledger.loaded(&incoming);
        Ok(())
    }

    /// Queue the statement's row: `statements` rows are written in runs (see `flush`).
    fn add_statement(&mut self, incoming: &Incoming, p: &Parsed) -> rusqlite::Result<()> {
        self.statements.push(StatementRow {
            statement_id: p.statement_id.clone(),
            record_id: p.record_id.clone(),
            record_type: p.record_type.clone(),
            record_status: p.record_status.clone(),
            statement_date: p.statement_date.clone(),
            seq: self.ledger.seq,
            source: p.source.clone(),
            file: record_file(incoming).to_string(),
            position: incoming.position,
            publication_date: p.publication_date.clone(),
            retrieved_at: p.retrieved_at.clone(),
            source_format: p.source_format.clone(),
            content_hash: p.content_hash.clone(),
            raw: record::raw_payload(&p.provenance, &incoming.raw),
        });
        if self.statements.len() >= STATEMENT_RUN {
            self.flush_statements()?;
        }
        Ok(())
    }

    fn flush_statements(&mut self) -> rusqlite::Result<()> {
        let started = Instant::now();
        let mut insert = self.conn.prepare_cached(INSERT_STATEMENT)?;
        for r in self.statements.drain(..) {
            insert.execute(params![
                r.statement_id,
                r.record_id,
                r.record_type,
                r.record_status,
                r.statement_date,
                r.seq,
                r.source,
                r.file,
                r.position,
                r.publication_date,
                r.retrieved_at,
                r.source_format,
                r.content_hash,
                r.raw,
            ])?;
        }
        self.ledger.outcome.profile.statements += started.elapsed();
        Ok(())
    }

    /// `_wins`: true when (date, seq) is not older than the record's current version.
    fn wins(stamps: &mut Map<String, Stamp>, uid: &str, date: &Option<String>, seq: i64) -> bool {
        let now = (date.clone().unwrap_or_default(), seq);
        match stamps.get_mut(uid) {
            Some(held) if *held > now => false,
            Some(held) => {
                *held = now;
                true
            }
            None => {
                stamps.insert(uid.to_string(), now);
                true
            }
        }
    }

    fn add_node(&mut self, p: &Parsed, node: NodeRow<'_>) -> rusqlite::Result<()> {
        let closed = i64::from(node.closed);
        let stored = self.node_stamps.contains_key(node.uid);
        if !Self::wins(
            &mut self.node_stamps,
            node.uid,
            &p.statement_date,
            self.ledger.seq,
        ) {
            let vid = format!("{}#{}", p.statement_id, node.uid);
            self.conn
                .prepare_cached(INSERT_NODE_VERSION)?
                .execute(params![
                    vid,
                    node.uid,
                    p.statement_date,
                    self.ledger.seq,
                    closed,
                    node.payload
                ])?;
            return Ok(());
        }
        let started = Instant::now();
        if stored {
            self.conn.prepare_cached(MOVE_NODE)?.execute([node.uid])?;
        }
        self.conn.prepare_cached(UPSERT_NODE)?.execute(params![
            node.uid,
            p.record_id,
            node.kind,
            node.name,
            node.name_fold,
            p.statement_id,
            p.statement_date,
            self.ledger.seq,
            closed,
            node.payload,
        ])?;
        let indexed = Instant::now();
        self.ledger.outcome.profile.nodes += indexed - started;
        self.index_node(&node, stored)?;
        self.ledger.outcome.profile.search += indexed.elapsed();
        Ok(())
    }

    /// Identifier and name-search rows of a node's current version (a re-written node's old
    /// rows go first).
    fn index_node(&mut self, node: &NodeRow<'_>, stored: bool) -> rusqlite::Result<()> {
        let rowid = record::search_rowid(node.uid);
        if stored {
            self.conn
                .prepare_cached("DELETE FROM identifiers WHERE node_id = ?")?
                .execute([node.uid])?;
            if self.search.remove(&rowid).is_none() {
                let mut delete = self
                    .conn
                    .prepare_cached("DELETE FROM names_fts WHERE rowid = ?")?;
                delete.execute([rowid])?;
            }
        }
        let mut keys: Vec<&String> = node.keys.iter().collect();
        keys.sort_unstable();
        keys.dedup();
        let mut insert = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO identifiers VALUES (?, ?)")?;
        for key in keys {
            insert.execute(params![key, node.uid])?;
        }
        self.search
            .insert(rowid, (node.uid.to_string(), node.search_text.to_string()));
        Ok(())
    }

    /// Before a commit: write the queued `statements` rows and this transaction's search rows.
    pub fn flush(&mut self) -> rusqlite::Result<()> {
        self.flush_statements()?;
        self.flush_search()
    }

    /// Write this transaction's search rows, in rowid order.
    fn flush_search(&mut self) -> rusqlite::Result<()> {
        let started = Instant::now();
        let mut rows: Vec<(i64, (String, String))> = self.search.drain().collect();
        rows.sort_unstable_by_key(|(rowid, _)| *rowid);
        let mut insert = self
            .conn
            .prepare_cached("INSERT INTO names_fts (rowid, node_id, text) VALUES (?,?,?)")?;
        for (rowid, (uid, text)) in rows {
            insert.execute(params![rowid, uid, text])?;
        }
        self.ledger.outcome.profile.search += started.elapsed();
        Ok(())
    }

    /// `_end`: the node id at one end of a relationship, adding its unspecified node if any.
    fn end(
        &mut self,
        p: &Parsed,
        reference: &Option<String>,
        unspecified: &Option<Unspecified>,
        role: &str,
    ) -> Result<String, String> {
        let (uid, unspecified) =
            incoming::end_of(&p.statement_id, &p.record_id, reference, unspecified, role)?;
        let Some(u) = unspecified else {
            return Ok(uid);
        };
        let node = NodeRow {
            uid: &uid,
            kind: "unspecified",
            name: &u.name,
            name_fold: &u.name_fold,
            search_text: &u.search_text,
            keys: &[],
            closed: false,
            payload: record::payload(&u.body, &p.provenance),
        };
        self.add_node(p, node).map_err(sql)?;
        Ok(uid)
    }

    fn add_edge(
        &mut self,
        p: &Parsed,
        subject: &str,
        party: &str,
        types: &str,
    ) -> rusqlite::Result<()> {
        let uid = p.record_id.as_str();
        let closed = i64::from(p.record_status == "closed");
        let payload = record::payload(&p.details, &p.provenance);
        let stored = self.edge_stamps.contains_key(uid);
        if !Self::wins(
            &mut self.edge_stamps,
            uid,
            &p.statement_date,
            self.ledger.seq,
        ) {
            self.conn
                .prepare_cached(INSERT_EDGE_VERSION)?
                .execute(params![
                    p.statement_id,
                    uid,
                    subject,
                    party,
                    p.statement_date,
                    self.ledger.seq,
                    closed,
                    payload
                ])?;
            return Ok(());
        }
        let started = Instant::now();
        if stored {
            self.conn.prepare_cached(MOVE_EDGE)?.execute([uid])?;
        }
        let known = |id: &str| self.node_stamps.contains_key(id);
        let resolved = i64::from(known(subject) && known(party));
        self.conn.prepare_cached(REPLACE_EDGE)?.execute(params![
            uid,
            subject,
            party,
            p.statement_id,
            p.statement_date,
            self.ledger.seq,
            closed,
            resolved,
            types,
            payload,
        ])?;
        self.ledger.outcome.profile.edges += started.elapsed();
        Ok(())
    }

    pub fn save_seq(&self) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('seq', ?)",
            [self.ledger.seq.to_string()],
        )?;
        Ok(())
    }
}

fn sql(error: rusqlite::Error) -> String {
    format!("SQLite: {error}")
}
