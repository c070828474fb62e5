//! JSON rewritten with the members of every object sorted by key (orjson's `OPT_SORT_KEYS`), in
//! one pass over the bytes: each value is written out as it is read, and an object's members are
//! put in order once its end is reached, so nothing is read twice.
//!
//! The input comes from orjson (or passes through serde_json first), so every scalar is already
//! written as it must be and is copied as it is; whitespace between tokens is skipped. Keys are
//! compared by their text (code point order, as `str` orders), and a key written twice keeps its
//! last value, as a map would.

use memchr::memchr2;
use std::borrow::Cow;
use std::ops::Range;

/// `text` with every object's members sorted by key, appended to `out`.
pub fn write_sorted(text: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let mut scan = Scan { bytes: text, at: 0 };
    scan.space();
    scan.value(out)?;
    scan.space();
    if scan.at != text.len() {
        return Err(format!("trailing characters at byte {}", scan.at));
    }
    Ok(())
}

/// A member read: its key's text, its key as written, and where its value went in the output.
struct Member<'a> {
    key: Cow<'a, str>,
    raw_key: &'a [u8],
    value: Range<usize>,
}

/// Put the members whose values were written at `out[start..]` in key order, with their keys.
fn write_members(
    members: &mut [Member<'_>],
    start: usize,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    members.sort_by(|a, b| a.key.cmp(&b.key)); // stable: a repeated key's last value comes last
    let values = out.split_off(start);
    out.push(b'{');
    let mut first = true;
    for (i, member) in members.iter().enumerate() {
        if members
            .get(i + 1)
            .is_some_and(|next| next.key == member.key)
        {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        write_key(&member.key, member.raw_key, out)?;
        out.push(b':');
        out.extend_from_slice(&values[member.value.start - start..member.value.end - start]);
    }
    out.push(b'}');
    Ok(())
}

/// A key's text: its bytes when it has no escape, else the string read by serde_json.
fn key_text(raw_key: &[u8]) -> Result<Cow<'_, str>, String> {
    if raw_key.contains(&b'\\') {
        return serde_json::from_slice::<String>(raw_key)
            .map(Cow::Owned)
            .map_err(|e| e.to_string());
    }
    let text = std::str::from_utf8(&raw_key[1..raw_key.len() - 1]).map_err(|e| e.to_string())?;
    Ok(Cow::Borrowed(text))
}

/// A key as serde_json writes it: unescaped keys are copied, others written again.
fn write_key(key: &str, raw_key: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    if raw_key.contains(&b'\\') {
        serde_json::to_writer(&mut *out, key).map_err(|e| e.to_string())
    } else {
        out.extend_from_slice(raw_key);
        Ok(())
    }
}

fn unexpected(expected: &str, found: Option<u8>) -> String {
    match found {
        Some(byte) => format!("expected {expected}, found {:?}", byte as char),
        None => format!("expected {expected}, found the end"),
    }
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        self.at += 1;
        byte
    }

    fn expect(&mut self, wanted: u8) -> Result<(), String> {
        match self.next() {
            Some(byte) if byte == wanted => Ok(()),
            found => Err(unexpected(&format!("{:?}", wanted as char), found)),
        }
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Write the value starting here, its objects' members sorted.
    fn value(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        let start = self.at;
        match self.peek() {
            Some(b'"') => {
                self.string()?;
            }
            Some(b'{') => return self.object(out),
            Some(b'[') => return self.array(out),
            Some(_) => self.scalar(),
            None => return Err(unexpected("a value", None)),
        }
        out.extend_from_slice(&self.bytes[start..self.at]);
        Ok(())
    }

    fn object(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        self.at += 1;
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            out.extend_from_slice(b"{}");
            return Ok(());
        }
        let start = out.len();
        let mut members: Vec<Member<'a>> = Vec::new();
        loop {
            self.space();
            let (key_start, key_end) = self.string()?;
            let raw_key: &'a [u8] = &self.bytes[key_start..key_end];
            self.space();
            self.expect(b':')?;
            self.space();
            let value_start = out.len();
            self.value(out)?;
            let key = key_text(raw_key)?;
            members.push(Member {
                key,
                raw_key,
                value: value_start..out.len(),
            });
            self.space();
            match self.next() {
                Some(b',') => continue,
                Some(b'}') => break,
                found => return Err(unexpected("',' or '}'", found)),
            }
        }
        write_members(&mut members, start, out)
    }

    fn array(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        self.at += 1;
        out.push(b'[');
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            out.push(b']');
            return Ok(());
        }
        loop {
            self.space();
            self.value(out)?;
            self.space();
            match self.next() {
                Some(b',') => out.push(b','),
                Some(b']') => break,
                found => return Err(unexpected("',' or ']'", found)),
            }
        }
        out.push(b']');
        Ok(())
    }

    /// The span of the string starting here, its quotes included.
    fn string(&mut self) -> Result<(usize, usize), String> {
        let start = self.at;
        self.expect(b'"')?;
        loop {
            let rest = self.bytes.get(self.at..).unwrap_or_default();
            let Some(found) = memchr2(b'"', b'\\', rest) else {
                return Err(unexpected("'\"'", None));
            };
            self.at += found;
            if self.bytes[self.at] == b'\\' {
                self.at += 2;
            } else {
                self.at += 1;
                return Ok((start, self.at));
            }
        }
    }

    fn scalar(&mut self) {
        while let Some(byte) = self.peek() {
            if matches!(
                byte,
                b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r'
            ) {
                break;
            }
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::write_sorted;

    fn sorted(text: &str) -> String {
        let mut out = Vec::new();
        write_sorted(text.as_bytes(), &mut out).expect("valid JSON");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn members_are_sorted_at_every_depth() {
        assert_eq!(
            sorted(r#"{"b":[{"z":1,"a":"}"}],"a":{"y":null,"x":[]},"\u00e9":1,"e":{}}"#),
            r#"{"a":{"x":[],"y":null},"b":[{"a":"}","z":1}],"e":{},"é":1}"#
        );
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        assert_eq!(sorted(r#"{"a":1,"b":2,"a":3}"#), r#"{"a":3,"b":2}"#);
    }

    #[test]
    fn space_between_tokens_is_dropped_and_scalars_are_kept() {
        assert_eq!(
            sorted(" { \"b\" : [ 1.50 , \"x\\\"y\" ] , \"a\" : true } "),
            r#"{"a":true,"b":[1.50,"x\"y"]}"#
        );
    }

    #[test]
    fn broken_json_is_an_error() {
        for text in [
            r#"{"a":1"#,
            r#"{"a" 1}"#,
            r#"["a""#,
            r#"{"a":1} x"#,
            r#"["a\"#,
        ] {
            assert!(
                write_sorted(text.as_bytes(), &mut Vec::new()).is_err(),
                "{text}"
            );
        }
    }
}
