//! `bo_graph_native`: the compiled writer of a first import into an empty store. Python
//! reads, validates and checks each statement and hands over batches; a thread of its own
//! (without the GIL) turns them into rows and writes them, so reading and writing run on both
//! cores at once. Two sinks: the embedded store's SQLite file, or the CSV files that
//! `neo4j-admin database import` loads into an empty Neo4j database.

mod csv;
mod derive;
mod fast_map;
mod incoming;
mod ledger;
mod neo4j;
mod neo4j_files;
mod neo4j_stage;
mod outcome;
mod record;
mod rows;
mod sorted_json;
mod sqlite_sink;
mod writer;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use incoming::Incoming;
use ledger::Ledger;
use outcome::Outcome;

type Batch = Vec<Incoming>;

/// Batches waiting for the writer; the reader blocks (without the GIL) beyond this.
const QUEUE_DEPTH: usize = 4;

/// What a sink reports when it ends.
pub struct Finished {
    pub outcome: Outcome,
    pub seq: i64,
    /// The files written, by what they hold (the Neo4j sink's CSV files).
    pub files: Vec<(String, String)>,
    /// True when a written value holds a line break (`neo4j-admin` must then read multi-line
    /// fields).
    pub multiline: bool,
    /// The longest line written, in bytes.
    pub longest_line: usize,
}

/// Where the writer thread puts what it is given.
pub trait Sink: Send {
    fn ledger(&mut self) -> &mut Ledger;
    fn start(&mut self) -> Result<(), String>;
    fn take(&mut self, incoming: Incoming) -> Result<(), String>;
    /// After each batch (the embedded sink commits here now and then).
    fn batch_done(&mut self) -> Result<(), String>;
    fn end(self: Box<Self>, received: bool) -> Result<Finished, String>;
}

#[pyclass]
struct BulkWriter {
    sender: Option<SyncSender<Batch>>,
    handle: Option<JoinHandle<Result<Finished, String>>>,
}

fn runtime(message: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(message.to_string())
}

fn run(mut sink: Box<dyn Sink>, batches: Receiver<Batch>) -> Result<Finished, String> {
    sink.start()?;
    let mut received = false;
    let mut idle = Instant::now();
    for batch in batches {
        sink.ledger().outcome.profile.waiting += idle.elapsed();
        received |= !batch.is_empty();
        for mut incoming in batch {
            if matches!(incoming.index, incoming::Index::Derive) {
                let started = Instant::now();
                incoming.index = derive::index(&incoming.raw)?;
                sink.ledger().outcome.profile.index += started.elapsed();
            }
            sink.take(incoming)?;
        }
        sink.batch_done()?;
        idle = Instant::now();
    }
    sink.end(received)
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
    /// Start the writer thread, continuing arrival order from `seq`. `target` "sqlite" writes
    /// the embedded store file at `path`; "neo4j-csv" writes `neo4j-admin` CSV files into the
    /// (empty) directory `path`.
    #[new]
    #[pyo3(signature = (path, seq, commit_every = 50_000, target = "sqlite"))]
    fn new(path: &str, seq: i64, commit_every: i64, target: &str) -> PyResult<Self> {
        let sink: Box<dyn Sink> = match target {
            "sqlite" => {
                Box::new(sqlite_sink::SqliteSink::open(path, seq, commit_every).map_err(runtime)?)
            }
            "neo4j-csv" => {
                Box::new(neo4j::Neo4jSink::create(PathBuf::from(path), seq).map_err(runtime)?)
            }
            other => return Err(PyValueError::new_err(format!("unknown target {other:?}"))),
        };
        let (sender, receiver) = sync_channel::<Batch>(QUEUE_DEPTH);
        let handle = std::thread::Builder::new()
            .name("bo-graph-native-writer".into())
            .spawn(move || run(sink, receiver))
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
            .map(|item| incoming::incoming(&item, &file))
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
        let Finished {
            outcome,
            seq,
            files,
            multiline,
            longest_line,
        } = finished.map_err(runtime)?;
        let out = PyDict::new(py);
        out.set_item(
            "files",
            PyDict::from_sequence(&PyList::new(py, files)?.into_any())?,
        )?;
        out.set_item("multiline", multiline)?;
        out.set_item("longest_line", longest_line)?;
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

/// The index the writer thread derives for a raw record handed over without one, in the shape
/// of Python's `bulk._index(..., neo4j=True)`: a party's `(name, name_fold, search_text, keys,
/// tokens)`, a relationship's `(types, None, None, share_min, share_max)`. For tests.
#[pyfunction]
fn derive_index<'py>(py: Python<'py>, raw: &[u8]) -> PyResult<Bound<'py, PyTuple>> {
    match derive::index(raw).map_err(PyValueError::new_err)? {
        incoming::Index::Party(p) => {
            let keys = PyList::new(py, p.keys)?;
            PyTuple::new(
                py,
                [
                    p.name.into_pyobject(py)?.into_any(),
                    p.name_fold.into_pyobject(py)?.into_any(),
                    p.search_text.into_pyobject(py)?.into_any(),
                    keys.into_any(),
                    p.tokens.into_pyobject(py)?.into_any(),
                ],
            )
        }
        incoming::Index::Relationship(r) => {
            let none = py.None().into_bound(py);
            PyTuple::new(
                py,
                [
                    r.types.into_pyobject(py)?.into_any(),
                    none.clone(),
                    none,
                    r.share_min.into_pyobject(py)?.into_any(),
                    r.share_max.into_pyobject(py)?.into_any(),
                ],
            )
        }
        incoming::Index::Derive => Err(runtime(incoming::NOT_DERIVED)),
    }
}

#[pymodule]
fn bo_graph_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<BulkWriter>()?;
    m.add_function(wrap_pyfunction!(derive_index, m)?)?;
    Ok(())
}
