//! One record as Python hands it over, and its extraction from the Python tuple.
//!
//! Python has already validated the statement (schema and BODS checks) and serialised it with
//! orjson; it also computes what needs the model's rules (names, folded search text, identifier
//! keys, interest types, unspecified parties, and for Neo4j the full-text tokens and open share
//! bounds) and hands those over as they are, or, for an ASCII BODS 0.4 record bound for Neo4j,
//! hands over `None` for the writer thread to derive (`derive.rs`).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

/// What Python computed for a person or entity statement.
pub struct PartyIndex {
    pub name: String,
    pub name_fold: String,
    pub search_text: String,
    pub keys: Vec<String>,
    /// Neo4j only: the full-text tokens of every name (`fulltext.search_text`).
    pub tokens: Option<String>,
}

/// An unspecified party at one end of a relationship, as Python built it.
pub struct Unspecified {
    pub body: Vec<u8>,
    pub name: String,
    pub name_fold: String,
    pub search_text: String,
    pub tokens: Option<String>,
}

/// What Python computed for a relationship statement.
pub struct RelationshipIndex {
    pub types: String,
    pub subject: Option<Unspecified>,
    pub party: Option<Unspecified>,
    /// Neo4j only: the open shareholding's bounds in percent (`shareholding_bounds`).
    pub share_min: Option<f64>,
    pub share_max: Option<f64>,
}

pub enum Index {
    Party(PartyIndex),
    Relationship(RelationshipIndex),
    /// Handed over as `None`: the writer thread derives it from the raw record
    /// (`derive::index`) before a sink sees it.
    Derive,
}

/// A statement another loader translated: what the crate would otherwise read from a BODS 0.4
/// envelope, as Python's :class:`Statement` has it.
pub struct Given {
    pub file: String,
    pub statement_id: String,
    pub record_id: String,
    pub record_type: String,
    pub record_status: String,
    pub statement_date: Option<String>,
    pub source: String,
    pub publication_date: Option<String>,
    pub retrieved_at: Option<String>,
    pub source_format: String,
    pub provenance: Vec<u8>,
    pub details: Vec<u8>,
}

/// One record as handed over: orjson's bytes of the raw record, where it was read, the index
/// fields, and for a statement that is not a raw BODS 0.4 record, its translated parts.
pub struct Incoming {
    pub raw: Vec<u8>,
    pub file: Arc<str>,
    pub position: i64,
    pub index: Index,
    pub given: Option<Given>,
}

fn unspecified(value: &Bound<'_, PyAny>) -> PyResult<Option<Unspecified>> {
    if value.is_none() {
        return Ok(None);
    }
    let tokens = if value.len()? == 5 {
        value.get_item(4)?.extract()?
    } else {
        None
    };
    let body: Bound<'_, PyBytes> = value.get_item(0)?.extract()?;
    let (body, name, name_fold, search_text): (Vec<u8>, String, String, String) = (
        body.as_bytes().to_vec(),
        value.get_item(1)?.extract()?,
        value.get_item(2)?.extract()?,
        value.get_item(3)?.extract()?,
    ); // fmt: skip
    Ok(Some(Unspecified {
        body,
        name,
        name_fold,
        search_text,
        tokens,
    }))
}

/// Bytes are taken as `PyBytes` and copied whole: pyo3 extracts a `Vec<u8>` item by item, as
/// from any sequence, which cost about 9 us a statement.
type GivenTuple<'py> = (
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
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
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
    let (provenance, details) = (provenance.as_bytes().to_vec(), details.as_bytes().to_vec());
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

/// A party's index is `(name, name_fold, search_text, keys[, tokens])`, a relationship's
/// `(types, subject, party[, share_min, share_max])`: a party's is the one with a list fourth.
/// `None`: derive it from the raw record.
fn index(value: &Bound<'_, PyAny>) -> PyResult<Index> {
    if value.is_none() {
        return Ok(Index::Derive);
    }
    let size = value.len()?;
    if size >= 4 && value.get_item(3)?.is_instance_of::<PyList>() {
        let tokens = if size == 5 {
            value.get_item(4)?.extract()?
        } else {
            None
        };
        return Ok(Index::Party(PartyIndex {
            name: value.get_item(0)?.extract()?,
            name_fold: value.get_item(1)?.extract()?,
            search_text: value.get_item(2)?.extract()?,
            keys: value.get_item(3)?.extract()?,
            tokens,
        }));
    }
    let (share_min, share_max) = if size == 5 {
        (value.get_item(3)?.extract()?, value.get_item(4)?.extract()?)
    } else {
        (None, None)
    };
    Ok(Index::Relationship(RelationshipIndex {
        types: value.get_item(0)?.extract()?,
        subject: unspecified(&value.get_item(1)?)?,
        party: unspecified(&value.get_item(2)?)?,
        share_min,
        share_max,
    }))
}

/// One handed-over record: `(raw_bytes, position, index, given)` (`index` may be `None`), each end of a relationship
/// `None` or `(body_bytes, name, name_fold, search_text[, tokens])`; `given` is `None` for a
/// raw BODS 0.4 record, else the translated statement's `(file, statement_id, record_id,
/// record_type, record_status, statement_date, source, publication_date, retrieved_at,
/// source_format, provenance_bytes, details_bytes)`.
pub fn incoming(item: &Bound<'_, PyAny>, file: &Arc<str>) -> PyResult<Incoming> {
    let (raw, position, index_tuple, translated): (
        Bound<'_, PyBytes>,
        i64,
        Bound<'_, PyAny>,
        Bound<'_, PyAny>,
    ) = item.extract()?;
    Ok(Incoming {
        raw: raw.as_bytes().to_vec(),
        file: file.clone(),
        position,
        index: index(&index_tuple)?,
        given: given(&translated)?,
    })
}

/// What a sink says of an index `run` did not derive (a defect, never the data's fault).
pub const NOT_DERIVED: &str = "internal error: a record reached the sink without its index";

const UNSPECIFIED_PREFIX: &str = "unspecified:";

/// `_end`: the party id at one end of relationship `record_id`: the record id it names, or the
/// id of its unspecified party, which is then returned too (to be written as a party).
pub fn end_of<'a>(
    statement_id: &str,
    record_id: &str,
    reference: &Option<String>,
    unspecified: &'a Option<Unspecified>,
    role: &str,
) -> Result<(String, Option<&'a Unspecified>), String> {
    if let Some(id) = reference {
        return Ok((id.clone(), None));
    }
    let Some(u) = unspecified else {
        return Err(format!(
            "statement {statement_id}: {role} is neither a record id nor an unspecified party"
        ));
    };
    Ok((format!("{UNSPECIFIED_PREFIX}{record_id}/{role}"), Some(u)))
}
