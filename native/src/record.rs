//! One BODS 0.4 statement as the embedded store stores it: its provenance, its payloads and its
//! content hash, byte for byte what `bo_graph/store/serial.py` writes for the same statement.
//!
//! The Python side has already validated the statement (schema and BODS checks) and serialised
//! it with orjson; it also computes what needs the model's rules (names, folded search text,
//! identifier keys, interest types, unspecified parties) and hands those over as they are.

use blake2::digest::{Update, VariableOutput};
use blake2::Blake2bVar;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::incoming::Given;
pub use crate::incoming::{Incoming, Index, Unspecified};
use crate::sorted_json;

/// The parts of a statement the writer needs, read from the raw bytes.
pub struct Parsed {
    pub source_format: String,
    pub statement_id: String,
    pub record_id: String,
    pub record_type: String,
    pub record_status: String,
    pub statement_date: Option<String>,
    pub subject: Option<String>,
    pub party: Option<String>,
    pub provenance: Vec<u8>,
    pub details: Vec<u8>,
    pub content_hash: String,
    pub source: String,
    pub publication_date: Option<String>,
    pub retrieved_at: Option<String>,
}

/// Parse JSON without serde_json's nesting limit of 128: the bytes come from orjson, which
/// nests up to 254 levels, and a record Python accepted must not stop the import.
fn json<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    let mut parser = serde_json::Deserializer::from_slice(bytes);
    parser.disable_recursion_limit();
    let value = T::deserialize(&mut parser).map_err(|e| e.to_string())?;
    parser.end().map_err(|e| e.to_string())?;
    Ok(value)
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "statementId", borrow)]
    statement_id: Option<&'a RawValue>,
    #[serde(rename = "recordId", borrow)]
    record_id: Option<&'a RawValue>,
    #[serde(rename = "recordType", borrow)]
    record_type: Option<&'a RawValue>,
    #[serde(rename = "recordStatus", borrow)]
    record_status: Option<&'a RawValue>,
    #[serde(rename = "statementDate", borrow)]
    statement_date: Option<&'a RawValue>,
    #[serde(rename = "recordDetails", borrow)]
    record_details: Option<&'a RawValue>,
    #[serde(rename = "publicationDetails", borrow)]
    publication_details: Option<&'a RawValue>,
    #[serde(borrow)]
    source: Option<&'a RawValue>,
}

/// The members of an object this module reads, each as its raw JSON.
#[derive(Deserialize, Default)]
struct Members<'a> {
    #[serde(borrow)]
    subject: Option<&'a RawValue>,
    #[serde(rename = "interestedParty", borrow)]
    interested_party: Option<&'a RawValue>,
    #[serde(rename = "publicationDate", borrow)]
    publication_date: Option<&'a RawValue>,
    #[serde(borrow)]
    publisher: Option<&'a RawValue>,
    #[serde(borrow)]
    name: Option<&'a RawValue>,
    #[serde(borrow)]
    description: Option<&'a RawValue>,
    #[serde(rename = "retrievedAt", borrow)]
    retrieved_at: Option<&'a RawValue>,
}

/// The members of `value` if it is an object (else none: Python's `isinstance(x, Mapping)`).
fn members(value: Option<&RawValue>) -> Members<'_> {
    match value {
        Some(raw) if raw.get().starts_with('{') => json(raw.get().as_bytes()).unwrap_or_default(),
        _ => Members::default(),
    }
}

/// A JSON string's text, if `value` is one.
fn string(value: Option<&RawValue>) -> Option<String> {
    value
        .filter(|raw| raw.get().starts_with('"'))
        .and_then(|raw| json(raw.get().as_bytes()).ok())
}

/// Python's `_text`: a value as text, `None` for a missing value, null or the empty string.
fn text(value: Option<&RawValue>) -> Option<String> {
    let raw = value?.get();
    if raw == "null" {
        return None;
    }
    match string(value) {
        Some(s) if s.is_empty() => None,
        Some(s) => Some(s),
        None => Some(raw.to_string()),
    }
}

fn required(value: Option<&RawValue>, key: &str) -> Result<String, String> {
    match string(value) {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(format!(
            "{key}: expected a non-empty string, found {value:?}"
        )),
    }
}

fn file_name(file: &str) -> String {
    file.rsplit('/').next().unwrap_or(file).to_string()
}

/// Every stored form of the statement: from its translated parts if given, else read from the
/// raw BODS 0.4 record.
pub fn parse(incoming: &Incoming) -> Result<Parsed, String> {
    match &incoming.given {
        Some(given) => from_given(incoming, given),
        None => from_envelope(incoming),
    }
}

fn from_given(incoming: &Incoming, given: &Given) -> Result<Parsed, String> {
    let (subject, party) = relationship_ends(incoming, &given.details)?;
    Ok(Parsed {
        source_format: given.source_format.clone(),
        statement_id: given.statement_id.clone(),
        record_id: given.record_id.clone(),
        record_type: given.record_type.clone(),
        record_status: given.record_status.clone(),
        statement_date: given.statement_date.clone(),
        subject,
        party,
        provenance: given.provenance.clone(),
        details: given.details.clone(),
        content_hash: content_hash(&incoming.raw)?,
        source: given.source.clone(),
        publication_date: given.publication_date.clone(),
        retrieved_at: given.retrieved_at.clone(),
    })
}

/// The two ends of a relationship given as record ids (`None` for an unspecified party, and
/// for a person or entity, whose details are not read again).
fn relationship_ends(
    incoming: &Incoming,
    details: &[u8],
) -> Result<(Option<String>, Option<String>), String> {
    if !matches!(incoming.index, Index::Relationship(_)) || details.first() != Some(&b'{') {
        return Ok((None, None));
    }
    let ends: Members<'_> = json(details)?;
    Ok((string(ends.subject), string(ends.interested_party)))
}

fn from_envelope(incoming: &Incoming) -> Result<Parsed, String> {
    let raw: Envelope<'_> = json(&incoming.raw)
        .map_err(|e| format!("expected a BODS statement object from the reader: {e}"))?;
    let statement_id = required(raw.statement_id, "statementId")?;
    let record_id = required(raw.record_id, "recordId")?;
    let record_type = required(raw.record_type, "recordType")?;
    let record_status = text(raw.record_status).unwrap_or_else(|| "new".to_string());
    let statement_date = text(raw.statement_date);
    let publication = members(raw.publication_details);
    let source_members = members(raw.source);
    let publisher_name = text(members(publication.publisher).name);
    let source = text(source_members.description)
        .or(publisher_name)
        .unwrap_or_else(|| file_name(&incoming.file));
    let publication_date = text(publication.publication_date);
    let retrieved_at = text(source_members.retrieved_at);
    let details = raw.record_details.map_or("null", RawValue::get);
    let (subject, party) = relationship_ends(incoming, details.as_bytes())?;
    let provenance = provenance_json(&Provenance {
        source: &source,
        file: &incoming.file,
        position: incoming.position,
        statement_id: &statement_id,
        statement_date: &statement_date,
        publication_date: &publication_date,
        retrieved_at: &retrieved_at,
        record_status: &record_status,
    });
    Ok(Parsed {
        source_format: "bods-0.4".to_string(),
        subject,
        party,
        details: details.as_bytes().to_vec(),
        content_hash: content_hash(&incoming.raw)?,
        statement_id,
        record_id,
        record_type,
        record_status,
        statement_date,
        provenance,
        source,
        publication_date,
        retrieved_at,
    })
}

struct Provenance<'a> {
    source: &'a str,
    file: &'a str,
    position: i64,
    statement_id: &'a str,
    statement_date: &'a Option<String>,
    publication_date: &'a Option<String>,
    retrieved_at: &'a Option<String>,
    record_status: &'a str,
}

/// `serial.provenance_to` serialised: the same keys in the same order.
fn provenance_json(p: &Provenance<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + p.file.len());
    let member = |out: &mut Vec<u8>, key: &str, value: &dyn erased::Json| {
        out.push(if out.is_empty() { b'{' } else { b',' });
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
        value.write(out);
    };
    member(&mut out, "source", &p.source);
    member(&mut out, "file", &p.file);
    member(&mut out, "position", &p.position);
    member(&mut out, "statementId", &p.statement_id);
    member(&mut out, "statementDate", p.statement_date);
    member(&mut out, "publicationDate", p.publication_date);
    member(&mut out, "retrievedAt", p.retrieved_at);
    member(&mut out, "recordStatus", &p.record_status);
    member(&mut out, "format", &"bods-0.4");
    out.push(b'}');
    out
}

mod erased {
    /// A value written as JSON with serde_json's escaping (as orjson escapes).
    pub trait Json {
        fn write(&self, out: &mut Vec<u8>);
    }
    impl<T: serde::Serialize + ?Sized> Json for T {
        fn write(&self, out: &mut Vec<u8>) {
            serde_json::to_writer(out, self).expect("a plain value serialises");
        }
    }
}

/// `{"d": <details>, "p": <provenance>}`, as `serial.payload_of` writes it.
pub fn payload(details: &[u8], provenance: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(details.len() + provenance.len() + 12);
    out.extend_from_slice(b"{\"d\":");
    out.extend_from_slice(details);
    out.extend_from_slice(b",\"p\":");
    out.extend_from_slice(provenance);
    out.push(b'}');
    out
}

/// `{"p": <provenance>, "raw": <raw>}`, as `serial.raw_payload` writes it.
pub fn raw_payload(provenance: &[u8], raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + provenance.len() + 14);
    out.extend_from_slice(b"{\"p\":");
    out.extend_from_slice(provenance);
    out.extend_from_slice(b",\"raw\":");
    out.extend_from_slice(raw);
    out.push(b'}');
    out
}

/// `serial.content_hash`: BLAKE2b-128 of the record with its keys sorted (orjson's
/// `OPT_SORT_KEYS`), in hex. The bytes come from orjson, so every scalar is already written as
/// orjson writes it; sorting only reorders object members.
fn content_hash(raw: &[u8]) -> Result<String, String> {
    let mut sorted = Vec::with_capacity(raw.len());
    sorted_json::write_sorted(raw, &mut sorted)?;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(32);
    for byte in blake2b(&sorted, 16) {
        hex.push(HEX[usize::from(byte >> 4)] as char);
        hex.push(HEX[usize::from(byte & 15)] as char);
    }
    Ok(hex)
}

pub fn blake2b(data: &[u8], size: usize) -> Vec<u8> {
    let mut hasher = Blake2bVar::new(size).expect("a valid BLAKE2b digest size");
    hasher.update(data);
    let mut out = vec![0u8; size];
    hasher
        .finalize_variable(&mut out)
        .expect("the buffer has the digest size");
    out
}

/// `writer.search_rowid`: the full-text row of a node, a 63-bit hash of its id.
pub fn search_rowid(node_id: &str) -> i64 {
    let digest = blake2b(node_id.as_bytes(), 8);
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest);
    (u64::from_be_bytes(bytes) >> 1) as i64
}
