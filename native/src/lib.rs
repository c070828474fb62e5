//! `bo_graph_native`: the compiled writer of a first BODS 0.4 import into an empty embedded
//! store. Python reads, validates and checks each statement and hands over batches; a thread
//! of its own (without the GIL) turns them into rows and writes them with SQLite, so reading
//! and writing run on both cores at once.

mod outcome;
mod record;
mod rows;
mod writer;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use rusqlite::Connection;

use record::{Given, Incoming, Index, PartyIndex, RelationshipIndex, Unspecified};
use writer::{Outcome, Writer};

type Batch = Vec<Incoming>;
type Finished = Result<(Outcome, i64), String>;

/// Batches waiting for the writer; the reader blocks (without the GIL) beyond this.
const QUEUE_DEPTH: usize = 4;

#[pyclass]
struct BulkWriter {
    sender: Option<SyncSender<Batch>>,
    handle: Option<JoinHandle<Finished>>,
}

fn runtime(message: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(message.to_string())
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

fn run(mut writer: Writer, batches: Receiver<Batch>, commit_every: i64) -> Finished {
    let mut since_commit = 0i64;
    let mut received = false;
    writer
        .conn()
        .execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| e.to_string())?;
    // Its decisions are made in memory: exact only while no other import wrote in between.
    let written: bool = writer
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM statements)", [], |row| {
            row.get(0)
        })
        .map_err(|e| e.to_string())?;
    if written {
        return Err(
            "another import wrote statements into this store since it was opened; \
                    import again"
                .into(),
        );
    }
    let mut idle = Instant::now();
    for batch in batches {
        writer.outcome.profile.waiting += idle.elapsed();
        since_commit += batch.len() as i64;
        received |= !batch.is_empty();
        for incoming in batch {
            writer.write(incoming)?;
        }
        if since_commit >= commit_every {
            writer.flush().map_err(|e| e.to_string())?;
            let started = Instant::now();
            writer.save_seq().map_err(|e| e.to_string())?;
            writer
                .conn()
                .execute_batch("COMMIT; BEGIN IMMEDIATE")
                .map_err(|e| e.to_string())?;
            writer.outcome.profile.commit += started.elapsed();
            since_commit = 0;
        }
        idle = Instant::now();
    }
    writer.flush().map_err(|e| e.to_string())?;
    if received {
        // as the Python writer, which stores the arrival counter with every batch it writes
        writer.save_seq().map_err(|e| e.to_string())?;
    }
    // Durable once the import says it is done: a checkpoint that waits for the disk copies
    // every commit into the store file (the commits themselves did not wait; docs/import.md).
    let started = Instant::now();
    writer
        .conn()
        .execute_batch("COMMIT; PRAGMA synchronous=NORMAL; PRAGMA wal_checkpoint(PASSIVE);")
        .map_err(|e| e.to_string())?;
    writer.outcome.profile.commit += started.elapsed();
    let seq = writer.seq;
    Ok((writer.outcome, seq))
}

fn unspecified(value: &Bound<'_, PyAny>) -> PyResult<Option<Unspecified>> {
    if value.is_none() {
        return Ok(None);
    }
    let (body, name, name_fold, search_text): (Vec<u8>, String, String, String) =
        value.extract()?;
    Ok(Some(Unspecified {
        body,
        name,
        name_fold,
        search_text,
    }))
}

type GivenTuple = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    Vec<u8>,
    Vec<u8>,
);

fn given(value: &Bound<'_, PyAny>) -> PyResult<Option<Given>> {
    if value.is_none() {
        return Ok(None);
    }
    let (
        file,
        statement_id,
        record_id,
        record_type,
        record_status,
        statement_date,
        source,
        publication_date,
        retrieved_at,
        source_format,
        provenance,
        details,
    ): GivenTuple = value.extract()?;
    Ok(Some(Given {
        file,
        statement_id,
        record_id,
        record_type,
        record_status,
        statement_date,
        source,
        publication_date,
        retrieved_at,
        source_format,
        provenance,
        details,
    }))
}

/// One handed-over record: `(raw_bytes, position, index, given)` where `index` is
/// `(name, name_fold, search_text, keys)` for a party and `(types, subject, party)` for a
/// relationship, each end `None` or `(body_bytes, name, name_fold, search_text)`; `given` is
/// `None` for a raw BODS 0.4 record, else the translated statement's `(file, statement_id,
/// record_id, record_type, record_status, statement_date, source, publication_date,
/// retrieved_at, source_format, provenance_bytes, details_bytes)`.
fn incoming(item: &Bound<'_, PyAny>, file: &Arc<str>) -> PyResult<Incoming> {
    let (raw, position, index, translated): (
        Bound<'_, PyBytes>,
        i64,
        Bound<'_, PyAny>,
        Bound<'_, PyAny>,
    ) = item.extract()?;
    let index = if index.len()? == 4 {
        let (name, name_fold, search_text, keys) = index.extract()?;
        Index::Party(PartyIndex {
            name,
            name_fold,
            search_text,
            keys,
        })
    } else {
        let (types, subject, party): (String, Bound<'_, PyAny>, Bound<'_, PyAny>) =
            index.extract()?;
        Index::Relationship(RelationshipIndex {
            types,
            subject: unspecified(&subject)?,
            party: unspecified(&party)?,
        })
    };
    Ok(Incoming {
        raw: raw.as_bytes().to_vec(),
        file: file.clone(),
        position,
        index,
        given: given(&translated)?,
    })
}

/// The text of a panic, if it has one.
fn message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        return (*text).to_string();
    }
    panic
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_else(|| "no message".into())
}

#[pymethods]
impl BulkWriter {
    /// Start the writer thread on the store file at `path`, continuing arrival order from `seq`.
    #[new]
    #[pyo3(signature = (path, seq, commit_every = 50_000))]
    fn new(path: &str, seq: i64, commit_every: i64) -> PyResult<Self> {
        let conn = open(path).map_err(|e| runtime(format!("{path}: {e}")))?;
        let (sender, receiver) = sync_channel::<Batch>(QUEUE_DEPTH);
        let writer = Writer::new(conn, seq);
        let handle = std::thread::Builder::new()
            .name("bo-graph-native-writer".into())
            .spawn(move || run(writer, receiver, commit_every))
            .map_err(runtime)?;
        Ok(BulkWriter {
            sender: Some(sender),
            handle: Some(handle),
        })
    }

    /// Queue one batch read from `file`. Fails if the writer has stopped (`finish` says why).
    fn submit(&self, py: Python<'_>, file: &str, records: &Bound<'_, PyList>) -> PyResult<()> {
        let file: Arc<str> = Arc::from(file);
        let batch = records
            .iter()
            .map(|item| incoming(&item, &file))
            .collect::<PyResult<Batch>>()?;
        let sender = self
            .sender
            .as_ref()
            .ok_or_else(|| runtime("the bulk writer is finished"))?;
        py.allow_threads(|| sender.send(batch))
            .map_err(|_| runtime("the bulk writer stopped; finish() gives its error"))
    }

    /// Commit, stop the thread and return `{"per_file", "seq", "conflicts", "profile"}`: per file
    /// `(file, loaded, duplicates)`, per conflict
    /// `(file, record_file, position, statement_id, raw_bytes)`; the profile is the writer
    /// thread's seconds per kind of work.
    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.sender = None;
        let handle = self
            .handle
            .take()
            .ok_or_else(|| runtime("the bulk writer is finished"))?;
        let finished = py
            .allow_threads(|| handle.join())
            .map_err(|panic| runtime(format!("the bulk writer panicked: {}", message(&*panic))))?;
        let (outcome, seq) = finished.map_err(runtime)?;
        let out = PyDict::new(py);
        let per_file = PyList::empty(py);
        for count in &outcome.per_file {
            per_file.append((&*count.file, count.loaded, count.duplicates))?;
        }
        out.set_item("per_file", per_file)?;
        out.set_item("seq", seq)?;
        let conflicts = PyList::empty(py);
        for c in outcome.conflicts {
            let raw = PyBytes::new(py, &c.raw);
            conflicts.append((&*c.file, c.record_file, c.position, c.statement_id, raw))?;
        }
        out.set_item("conflicts", conflicts)?;
        let profile = PyDict::new(py);
        for (name, seconds) in outcome.profile.items() {
            profile.set_item(name, seconds)?;
        }
        out.set_item("profile", profile)?;
        Ok(out)
    }
}

#[pymodule]
fn bo_graph_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<BulkWriter>()?;
    Ok(())
}
