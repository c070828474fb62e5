//! The Neo4j sink: the CSV files `neo4j-admin database import` loads into an empty database,
//! holding exactly the nodes and relationships `bo_graph/store/neo4j_store/writer.py` would
//! store for the same statements (see `docs/neo4j.md`, "The bulk import").
//!
//! Statements are written as they come. Party and relationship versions are staged on disk in
//! arrival order; when the import ends, the version order of each record (statement date, then
//! arrival, as `plan.py` decides it) says which version is current, and version nodes are
//! written only for records with two or more versions. A relationship whose two ends are both
//! stored parties becomes a `HOLDS` relationship, any other a `PendingEdge` node (and its
//! versions carry `pending`), which `finish_import` resolves as after any import.

use crate::fast_map::Map;
use std::path::PathBuf;
use std::time::Instant;

use crate::csv::Csv;
use crate::incoming::{self, Incoming, Index, Unspecified, NOT_DERIVED};
use crate::ledger::{record_file, Ledger};
use crate::neo4j_files::{write_parties, write_relationships, NodeIds, STATEMENT_HEADER};
use crate::neo4j_stage::{Entry, Stage};
use crate::record::{self, Parsed};
use crate::{Finished, Sink};

/// A record's version order, (statement date or "", arrival), how many versions it has, and
/// its place among the records of its kind (a party's node id is derived from it).
pub struct Tally {
    pub stamp: (String, i64),
    pub versions: u32,
    pub ordinal: i64,
}

fn tally(tallies: &mut Map<String, Tally>, uid: &str, date: &Option<String>, seq: i64) {
    let now = (date.clone().unwrap_or_default(), seq);
    match tallies.get_mut(uid) {
        Some(held) => {
            held.versions += 1;
            if held.stamp <= now {
                held.stamp = now;
            }
        }
        None => {
            let ordinal = tallies.len() as i64;
            tallies.insert(
                uid.to_string(),
                Tally {
                    stamp: now,
                    versions: 1,
                    ordinal,
                },
            );
        }
    }
}

pub struct Neo4jSink {
    dir: PathBuf,
    ledger: Ledger,
    statements: Csv,
    statement_rows: i64,
    keys_staged: i64,
    node_stage: Stage,
    edge_stage: Stage,
    nodes: Map<String, Tally>,
    edges: Map<String, Tally>,
}

impl Neo4jSink {
    /// Write into `dir` (created if missing), continuing arrival order from `seq`.
    pub fn create(dir: PathBuf, seq: i64) -> Result<Self, String> {
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Neo4jSink {
            statements: Csv::create(dir.join("statements.csv"), STATEMENT_HEADER)?,
            statement_rows: 0,
            keys_staged: 0,
            node_stage: Stage::create(dir.join("node-versions.stage"))?,
            edge_stage: Stage::create(dir.join("edge-versions.stage"))?,
            dir,
            ledger: Ledger::new(seq),
            nodes: Map::default(),
            edges: Map::default(),
        })
    }

    fn add_statement(&mut self, incoming: &Incoming, p: &Parsed) -> Result<(), String> {
        let started = Instant::now();
        self.statements
            .int(self.statement_rows)
            .str(&p.statement_id)
            .str(&p.record_id)
            .str(&p.record_type)
            .str(&p.record_status)
            .opt(p.statement_date.as_deref())
            .int(self.ledger.seq)
            .str(&p.source)
            .str(record_file(incoming))
            .int(incoming.position)
            .opt(p.publication_date.as_deref())
            .opt(p.retrieved_at.as_deref())
            .str(&p.source_format)
            .str(&p.content_hash)
            .text(&incoming.raw);
        let written = self.statements.end();
        self.statement_rows += 1;
        self.ledger.outcome.profile.statements += started.elapsed();
        written
    }

    /// Stage one version of a party: `(uid, record_id, kind, name, name_fold, names_fold,
    /// tokens, statement_id, statement_date, seq, closed, details, keys)`.
    #[allow(clippy::too_many_arguments)]
    fn stage_node(
        &mut self,
        p: &Parsed,
        uid: &str,
        kind: &str,
        names: (&str, &str, &str),
        tokens: &Option<String>,
        closed: bool,
        details: &[u8],
        keys: &[String],
    ) -> Result<(), String> {
        let started = Instant::now();
        let tokens = tokens.as_deref().ok_or_else(|| {
            format!(
                "statement {}: no full-text tokens were handed over",
                p.statement_id
            )
        })?;
        tally(&mut self.nodes, uid, &p.statement_date, self.ledger.seq);
        let mut entry = Entry::default();
        entry
            .str(uid)
            .str(&p.record_id)
            .str(kind)
            .str(names.0)
            .str(names.1)
            .str(names.2)
            .str(tokens)
            .str(&p.statement_id)
            .opt(p.statement_date.as_deref())
            .int(self.ledger.seq)
            .boolean(closed)
            .text(details)
            .int(keys.len() as i64);
        self.keys_staged += keys.len() as i64;
        for key in keys {
            entry.str(key);
        }
        let staged = self.node_stage.put(&entry);
        self.ledger.outcome.profile.nodes += started.elapsed();
        staged
    }

    /// `_end`: the party id at one end of a relationship, staging its unspecified party if any.
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
        let payload = record::payload(&u.body, &p.provenance);
        let names = (
            u.name.as_str(),
            u.name_fold.as_str(),
            u.search_text.as_str(),
        );
        self.stage_node(
            p,
            &uid,
            "unspecified",
            names,
            &u.tokens,
            false,
            &payload,
            &[],
        )?;
        Ok(uid)
    }

    fn stage_edge(
        &mut self,
        p: &Parsed,
        ends: (&str, &str),
        types: &str,
        share: (Option<f64>, Option<f64>),
    ) -> Result<(), String> {
        let started = Instant::now();
        tally(
            &mut self.edges,
            &p.record_id,
            &p.statement_date,
            self.ledger.seq,
        );
        let mut entry = Entry::default();
        entry
            .str(&p.record_id)
            .str(ends.0)
            .str(ends.1)
            .str(&p.statement_id)
            .opt(p.statement_date.as_deref())
            .int(self.ledger.seq)
            .boolean(p.record_status == "closed")
            .str(types)
            .text(&record::payload(&p.details, &p.provenance))
            .float(share.0)
            .float(share.1);
        let staged = self.edge_stage.put(&entry);
        self.ledger.outcome.profile.edges += started.elapsed();
        staged
    }
}

impl Sink for Neo4jSink {
    fn ledger(&mut self) -> &mut Ledger {
        &mut self.ledger
    }

    fn start(&mut self) -> Result<(), String> {
        Ok(())
    }

    fn take(&mut self, incoming: Incoming) -> Result<(), String> {
        let Some(p) = self.ledger.admit(&incoming)? else {
            return Ok(());
        };
        self.add_statement(&incoming, &p)?;
        match &incoming.index {
            Index::Derive => return Err(NOT_DERIVED.into()),
            Index::Party(index) => {
                let kind = if p.record_type == "person" {
                    "person"
                } else {
                    "entity"
                };
                let payload = record::payload(&p.details, &p.provenance);
                let names = (
                    index.name.as_str(),
                    index.name_fold.as_str(),
                    index.search_text.as_str(),
                );
                let closed = p.record_status == "closed";
                let uid = p.record_id.clone();
                self.stage_node(
                    &p,
                    &uid,
                    kind,
                    names,
                    &index.tokens,
                    closed,
                    &payload,
                    &index.keys,
                )?;
            }
            Index::Relationship(index) => {
                let subject = self.end(&p, &p.subject, &index.subject, "subject")?;
                let party = self.end(&p, &p.party, &index.party, "interestedParty")?;
                let share = (index.share_min, index.share_max);
                self.stage_edge(&p, (&subject, &party), &index.types, share)?;
            }
        }
        self.ledger.loaded(&incoming);
        Ok(())
    }

    fn batch_done(&mut self) -> Result<(), String> {
        Ok(())
    }

    fn end(self: Box<Self>, _received: bool) -> Result<Finished, String> {
        let started = Instant::now();
        let Neo4jSink {
            dir,
            mut ledger,
            statements,
            statement_rows,
            keys_staged,
            node_stage,
            edge_stage,
            nodes,
            edges,
        } = *self;
        let mut files = Vec::new();
        let mut multiline = false;
        let mut longest_line = 0;
        let mut done = |name: &str, csv: Csv| -> Result<(), String> {
            let (path, breaks, longest) = csv.close()?;
            multiline |= breaks;
            longest_line = longest_line.max(longest);
            files.push((name.to_string(), path.display().to_string()));
            Ok(())
        };
        done("Statement", statements)?;
        let ids = NodeIds::lay_out(statement_rows, keys_staged, &nodes, &edges);
        // The two passes need only the tallies, so they run side by side on both cores.
        let (parties, relationships) = std::thread::scope(|scope| {
            let relationships =
                scope.spawn(|| write_relationships(&dir, edge_stage, &nodes, &edges, &ids));
            let parties = write_parties(&dir, node_stage, &nodes, &ids);
            let relationships = relationships
                .join()
                .unwrap_or_else(|_| Err("the relationship pass panicked".into()));
            (parties, relationships)
        });
        for (name, csv) in parties?.into_iter().chain(relationships?) {
            done(name, csv)?;
        }
        ledger.outcome.profile.commit += started.elapsed();
        Ok(Finished {
            seq: ledger.seq,
            outcome: ledger.outcome,
            files,
            multiline,
            longest_line,
        })
    }
}
