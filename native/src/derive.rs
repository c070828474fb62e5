//! The index of a checked BODS 0.4 record, derived here on the writer thread instead of by
//! Python's `bulk.handover` (which then hands over `None` for it).
//!
//! Python does so only for a record that passed its schema and every check, whose orjson bytes
//! are all ASCII, and whose indexed fields the schema types: a person or an entity (names are
//! read by the record's type), a relationship whose ends are record ids
//! (`bulk._crate_can_index`). For ASCII text the
//! model's rules are byte rules, mirrored here exactly:
//!
//! - `serial.fold`: lower case, runs of Python whitespace (`str.split()`: space, `\t\n\v\f\r`
//!   and `\x1c`-`\x1f`) made one space, none at either end;
//! - `serial.words`: runs of ASCII letters and digits;
//! - `records.normalise_identifier`: whitespace removed, upper case, leading zeros of a purely
//!   numeric id dropped;
//! - `bods04_index.party_names`, `identifier_keys`, `interest_types` and `shareholding_bounds`
//!   (with `share.parse_share` for the numbers a schema-valid share holds).
//!
//! A differential test holds both derivations to the same store, row for row
//! (`tests/store/test_neo4j_bulk.py`), and a property test holds whatever Python hands over
//! without an index to the fields Python would have sent (`tests/store/test_native_index.py`).

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::incoming::{Index, PartyIndex, RelationshipIndex};

#[derive(Deserialize)]
struct Record {
    #[serde(rename = "recordType")]
    record_type: Option<Value>,
    #[serde(rename = "recordDetails")]
    record_details: Option<Value>,
}

/// The index Python would have computed for the raw record `raw`.
pub fn index(raw: &[u8]) -> Result<Index, String> {
    if !raw.is_ascii() {
        return Err("a record handed over without its index must be ASCII".into());
    }
    let mut parser = serde_json::Deserializer::from_slice(raw);
    parser.disable_recursion_limit();
    let record = Record::deserialize(&mut parser).map_err(|e| e.to_string())?;
    let details = match record.record_details {
        Some(Value::Object(details)) => details,
        _ => return Err("a record handed over without its index has no recordDetails".into()),
    };
    let record_type = record.record_type.as_ref().and_then(Value::as_str);
    if record_type == Some("relationship") {
        return relationship(&details).map(Index::Relationship);
    }
    Ok(Index::Party(party(&details, record_type == Some("person"))))
}

fn party(details: &Map<String, Value>, person: bool) -> PartyIndex {
    let names = party_names(details, person);
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    let search_text = folded.join(" | ");
    let tokens = words(&search_text).join(" ");
    PartyIndex {
        name: names.first().cloned().unwrap_or_default(),
        name_fold: folded.first().cloned().unwrap_or_default(),
        search_text,
        keys: identifier_keys(details),
        tokens: Some(tokens),
    }
}

fn relationship(details: &Map<String, Value>) -> Result<RelationshipIndex, String> {
    for end in ["subject", "interestedParty"] {
        if !matches!(details.get(end), Some(Value::String(_))) {
            return Err(format!(
                "a relationship handed over without its index has no {end} id"
            ));
        }
    }
    let (share_min, share_max) = shareholding_bounds(details);
    Ok(RelationshipIndex {
        types: interest_types(details),
        subject: None,
        party: None,
        share_min,
        share_max,
    })
}

/// Python's truth value of a JSON value.
fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python's `str()` of a JSON scalar as a schema-valid record holds it (a string, else its JSON).
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The objects of the array at `key` (Python: `for x in d.get(key) or (): if Mapping`).
fn objects<'a>(details: &'a Map<String, Value>, key: &str) -> Vec<&'a Map<String, Value>> {
    match details.get(key) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

fn party_names(details: &Map<String, Value>, person: bool) -> Vec<String> {
    if person {
        let mut out = Vec::new();
        for name in objects(details, "names") {
            let full = if truthy(name.get("fullName")) {
                text(&name["fullName"])
            } else {
                let parts: Vec<String> = ["givenName", "patronymicName", "familyName"]
                    .iter()
                    .filter(|k| truthy(name.get(**k)))
                    .map(|k| text(&name[*k]))
                    .collect();
                parts.join(" ")
            };
            if !full.is_empty() {
                out.push(full);
            }
        }
        return out;
    }
    let mut names: Vec<&Value> = details.get("name").into_iter().collect();
    if let Some(Value::Array(alternates)) = details.get("alternateNames") {
        names.extend(alternates);
    }
    names
        .into_iter()
        .filter(|n| truthy(Some(n)))
        .map(text)
        .collect()
}

/// Python's `str.split()` whitespace, for ASCII.
fn python_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f'
    )
}

/// `serial.fold` of ASCII text.
pub fn fold(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let parts: Vec<&str> = lower
        .split(python_space)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(" ")
}

/// `serial.words` of ASCII text.
pub fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// `records.normalise_identifier` of ASCII text.
pub fn normalise_identifier(value: &str) -> String {
    let text: String = value
        .chars()
        .filter(|c| !python_space(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let bare = text.trim_start_matches('0');
        return if bare.is_empty() {
            "0".into()
        } else {
            bare.into()
        };
    }
    text
}

fn identifier_keys(details: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = objects(details, "identifiers")
        .into_iter()
        .filter(|i| truthy(i.get("scheme")) && truthy(i.get("id")))
        .map(|i| {
            let scheme = text(&i["scheme"]).to_ascii_uppercase();
            format!("{scheme}:{}", normalise_identifier(&text(&i["id"])))
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn interest_types(details: &Map<String, Value>) -> String {
    let mut types: Vec<String> = objects(details, "interests")
        .into_iter()
        .map(|i| {
            if truthy(i.get("type")) {
                text(&i["type"])
            } else {
                "untyped".into()
            }
        })
        .collect();
    types.sort();
    types.dedup();
    types.join(" ")
}

fn shareholding_bounds(details: &Map<String, Value>) -> (Option<f64>, Option<f64>) {
    let mut best: (Option<f64>, Option<f64>) = (None, None);
    for interest in objects(details, "interests") {
        if interest.get("type") != Some(&Value::String("shareholding".into())) {
            continue;
        }
        let Some(Value::Object(share)) = interest.get("share") else {
            continue;
        };
        if truthy(interest.get("endDate")) {
            continue;
        }
        if let Ok(Some((lower, upper))) = parse_share(share) {
            if best.0.is_none_or(|b| lower > b) {
                best = (Some(lower), Some(upper));
            }
        }
    }
    best
}

/// `share.parse_share` for a schema-valid BODS 0.4 share: `Err` where it raises, `Ok(None)`
/// for no share, else the lower and upper bound.
pub fn parse_share(share: &Map<String, Value>) -> Result<Option<(f64, f64)>, ()> {
    if share.is_empty() {
        return Ok(None);
    }
    if let Some(exact) = number(share, "exact")? {
        return interval(exact, exact, false, false).map(Some);
    }
    let (lower, lower_open) = bound(share, "minimum", "exclusiveMinimum")?;
    let (upper, upper_open) = bound(share, "maximum", "exclusiveMaximum")?;
    if lower.is_none() && upper.is_none() {
        return Ok(None);
    }
    let (lower, upper) = (lower.unwrap_or(0.0), upper.unwrap_or(100.0));
    interval(lower, upper, lower_open, upper_open).map(Some)
}

/// `share._number`: `None` for a missing value, null or a flag; a number; `Err` otherwise (a
/// schema-valid share holds no text).
fn number(share: &Map<String, Value>, key: &str) -> Result<Option<f64>, ()> {
    match share.get(key) {
        None | Some(Value::Null) | Some(Value::Bool(_)) => Ok(None),
        Some(Value::Number(n)) => n.as_f64().map(Some).ok_or(()),
        Some(_) => Err(()),
    }
}

/// `share._bound`: a bound and whether it is open.
fn bound(
    share: &Map<String, Value>,
    inclusive: &str,
    exclusive: &str,
) -> Result<(Option<f64>, bool), ()> {
    let value = number(share, inclusive)?;
    if let Some(Value::Bool(flag)) = share.get(exclusive) {
        return Ok((value, *flag && value.is_some()));
    }
    match (value, number(share, exclusive)?) {
        (Some(_), Some(_)) => Err(()),
        (None, Some(open)) => Ok((Some(open), true)),
        (value, None) => Ok((value, false)),
    }
}

/// `Share.__post_init__`'s checks.
fn interval(lower: f64, upper: f64, lower_open: bool, upper_open: bool) -> Result<(f64, f64), ()> {
    let in_range = |v: f64| (0.0..=100.0).contains(&v);
    if !in_range(lower) || !in_range(upper) || lower > upper {
        return Err(());
    }
    if lower == upper && (lower_open || upper_open) {
        return Err(());
    }
    Ok((lower, upper))
}
