//! JSON rewritten with the members of every object sorted by key (orjson's `OPT_SORT_KEYS`), in
//! one pass over the bytes: each value is found by a scan and copied or descended into, so a
//! nested member is not parsed again at every level above it.
//!
//! The input comes from orjson (or passes through serde_json first), so every scalar is already
//! written as it must be and is copied as it is; whitespace between tokens is skipped. Keys are
//! compared by their text (code point order, as `str` orders), and a key written twice keeps its
//! last value, as a map would.

use memchr::memchr2;
use std::borrow::Cow;

/// `text` with every object's members sorted by key, appended to `out`.
pub fn write_sorted(text: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let mut scan = Scan { bytes: text, at: 0 };
    scan.space();
    let (start, end) = scan.value()?;
    scan.space();
    if scan.at != text.len() {
        return Err(format!("trailing characters at byte {}", scan.at));
    }
    write_value(&text[start..end], out)
}

fn write_value(value: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    match value.first() {
        Some(b'{') => write_object(value, out),
        Some(b'[') => write_array(value, out),
        _ => {
            out.extend_from_slice(value);
            Ok(())
        }
    }
}

fn write_object(object: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let mut scan = Scan {
        bytes: object,
        at: 1,
    };
    let mut members: Vec<(Cow<'_, str>, &[u8], &[u8])> = Vec::new();
    scan.space();
    if scan.peek() == Some(b'}') {
        out.extend_from_slice(b"{}");
        return Ok(());
    }
    loop {
        scan.space();
        let (key_start, key_end) = scan.string()?;
        let raw_key = &object[key_start..key_end];
        scan.space();
        scan.expect(b':')?;
        scan.space();
        let (start, end) = scan.value()?;
        members.push((key_text(raw_key)?, raw_key, &object[start..end]));
        scan.space();
        match scan.next() {
            Some(b',') => continue,
            Some(b'}') => break,
            found => return Err(unexpected("',' or '}'", found)),
        }
    }
    members.sort_by(|a, b| a.0.cmp(&b.0)); // stable: a repeated key's last value comes last
    out.push(b'{');
    let mut first = true;
    for (i, (key, raw_key, value)) in members.iter().enumerate() {
        if members.get(i + 1).is_some_and(|next| next.0 == *key) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        write_key(key, raw_key, out)?;
        out.push(b':');
        write_value(value, out)?;
    }
    out.push(b'}');
    Ok(())
}

fn write_array(array: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let mut scan = Scan {
        bytes: array,
        at: 1,
    };
    out.push(b'[');
    scan.space();
    if scan.peek() == Some(b']') {
        out.push(b']');
        return Ok(());
    }
    loop {
        scan.space();
        let (start, end) = scan.value()?;
        write_value(&array[start..end], out)?;
        scan.space();
        match scan.next() {
            Some(b',') => out.push(b','),
            Some(b']') => break,
            found => return Err(unexpected("',' or ']'", found)),
        }
    }
    out.push(b']');
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

impl Scan<'_> {
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

    /// The span of the value starting here (after any space).
    fn value(&mut self) -> Result<(usize, usize), String> {
        let start = self.at;
        match self.peek() {
            Some(b'"') => return self.string(),
            Some(b'{' | b'[') => self.nested()?,
            Some(_) => self.scalar(),
            None => return Err(unexpected("a value", None)),
        }
        Ok((start, self.at))
    }

    /// The span of the string starting here, its quotes included.
    fn string(&mut self) -> Result<(usize, usize), String> {
        let start = self.at;
        self.expect(b'"')?;
        loop {
            let Some(found) = memchr2(b'"', b'\\', &self.bytes[self.at..]) else {
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

    /// Past the object or array starting here.
    fn nested(&mut self) -> Result<(), String> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.string()?;
                    continue;
                }
                Some(b'{' | b'[') => depth += 1,
                Some(b'}' | b']') => depth -= 1,
                Some(_) => {}
                None => return Err(unexpected("'}' or ']'", None)),
            }
            self.at += 1;
            if depth == 0 {
                return Ok(());
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
        for text in [r#"{"a":1"#, r#"{"a" 1}"#, r#"["a""#, r#"{"a":1} x"#] {
            assert!(
                write_sorted(text.as_bytes(), &mut Vec::new()).is_err(),
                "{text}"
            );
        }
    }
}
