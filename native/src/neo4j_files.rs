//! The Neo4j sink's last step: from the staged versions, the CSV files of current parties and
//! relationships, identifiers, and the version nodes of records with two or more versions.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::csv::Csv;
use crate::neo4j::Tally;
use crate::neo4j_stage::{Fields, Stage};

pub const STATEMENT_HEADER: &str = "statement_id,record_uid,record_type,record_status,statement_date,\
    seq:long,source,file,position:long,publication_date,retrieved_at,source_format,content_hash,raw";
const PARTY_HEADER: &str = "id:ID(Party),record_id,kind,name,name_fold,names_fold,search_text,\
    statement_id,statement_date,seq:long,closed:boolean,details";
const NODE_VERSION_HEADER: &str = "vid,node_id,statement_date,seq:long,closed:boolean,details";
const EDGE_FIELDS: &str = "id,subject,party,statement_id,statement_date,seq:long,closed:boolean,\
    types,details,share_min:double,share_max:double";
const EDGE_VERSION_HEADER: &str =
    "vid,edge_id,subject,party,statement_date,seq:long,closed:boolean,details,pending";

pub type Written = Vec<(&'static str, Csv)>;

/// Current parties with their identifiers, and the versions of parties with several.
pub fn write_parties(
    dir: &Path,
    stage: Stage,
    nodes: &HashMap<String, Tally>,
) -> Result<Written, String> {
    let mut parties = Csv::create(dir.join("parties.csv"), PARTY_HEADER)?;
    let mut versions = Csv::create(dir.join("node-versions.csv"), NODE_VERSION_HEADER)?;
    let mut identifiers = Csv::create(dir.join("identifiers.csv"), "key:ID(Identifier)")?;
    let mut identifies = Csv::create(
        dir.join("identifies.csv"),
        ":START_ID(Identifier),:END_ID(Party)",
    )?;
    let mut keys_seen: HashSet<String> = HashSet::new();
    stage.replay(|mut f: Fields<'_>| {
        let uid = f.str();
        let (record_id, kind, name, name_fold, names_fold, tokens) =
            (f.str(), f.str(), f.str(), f.str(), f.str(), f.str());
        let (statement_id, date, seq, closed, details) =
            (f.str(), f.opt(), f.int(), f.boolean(), f.text());
        let tally = &nodes[uid];
        if tally.stamp.1 == seq {
            parties
                .str(uid)
                .str(record_id)
                .str(kind)
                .str(name)
                .str(name_fold)
                .str(names_fold);
            parties
                .str(tokens)
                .str(statement_id)
                .opt(date)
                .int(seq)
                .boolean(closed)
                .text(details);
            parties.end()?;
            for _ in 0..f.int() {
                let key = f.str();
                if !keys_seen.contains(key) {
                    keys_seen.insert(key.to_string());
                    identifiers.str(key).end()?;
                }
                identifies.str(key).str(uid).end()?;
            }
        }
        if tally.versions > 1 {
            versions
                .str(&format!("{statement_id}#{uid}"))
                .str(uid)
                .opt(date)
                .int(seq);
            versions.boolean(closed).text(details).end()?;
        }
        Ok(())
    })?;
    Ok(vec![
        ("Party", parties),
        ("NodeVersion", versions),
        ("Identifier", identifiers),
        ("IDENTIFIES", identifies),
    ])
}

/// Current relationships (`HOLDS`, or `PendingEdge` without both ends), and the versions of
/// relationships with several.
pub fn write_relationships(
    dir: &Path,
    stage: Stage,
    nodes: &HashMap<String, Tally>,
    edges: &HashMap<String, Tally>,
) -> Result<Written, String> {
    let mut holds = Csv::create(
        dir.join("holds.csv"),
        &format!(":START_ID(Party),:END_ID(Party),{EDGE_FIELDS}"),
    )?;
    let mut pending = Csv::create(dir.join("pending-edges.csv"), EDGE_FIELDS)?;
    let mut versions = Csv::create(dir.join("edge-versions.csv"), EDGE_VERSION_HEADER)?;
    stage.replay(|mut f: Fields<'_>| {
        let (uid, subject, party, statement_id, date) =
            (f.str(), f.str(), f.str(), f.str(), f.opt());
        let (seq, closed, types, details) = (f.int(), f.boolean(), f.str(), f.text());
        let (share_min, share_max) = (f.float(), f.float());
        let resolved = nodes.contains_key(subject) && nodes.contains_key(party);
        let tally = &edges[uid];
        if tally.stamp.1 == seq {
            let csv = if resolved { &mut holds } else { &mut pending };
            if resolved {
                csv.str(party).str(subject);
            }
            csv.str(uid)
                .str(subject)
                .str(party)
                .str(statement_id)
                .opt(date)
                .int(seq);
            csv.boolean(closed)
                .str(types)
                .text(details)
                .float(share_min)
                .float(share_max)
                .end()?;
        }
        if tally.versions > 1 {
            versions
                .str(statement_id)
                .str(uid)
                .str(subject)
                .str(party)
                .opt(date)
                .int(seq);
            versions
                .boolean(closed)
                .text(details)
                .opt((!resolved).then_some(statement_id));
            versions.end()?;
        }
        Ok(())
    })?;
    Ok(vec![
        ("HOLDS", holds),
        ("PendingEdge", pending),
        ("EdgeVersion", versions),
    ])
}
