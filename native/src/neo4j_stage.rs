//! Every version the Neo4j sink is given, staged on disk in arrival order until the import ends
//! and it is known which version of each record is current and which records have several.
//!
//! A staged entry is a little-endian `u32` length and that many bytes of fields, each text a
//! `u32` length and its bytes, an optional text or number a flag byte first.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

fn io(path: &Path, error: std::io::Error) -> String {
    format!("{}: {error}", path.display())
}

/// Fields of one entry, written in order.
#[derive(Default)]
pub struct Entry(Vec<u8>);

impl Entry {
    pub fn text(&mut self, value: &[u8]) -> &mut Self {
        self.0
            .extend_from_slice(&(value.len() as u32).to_le_bytes());
        self.0.extend_from_slice(value);
        self
    }

    pub fn str(&mut self, value: &str) -> &mut Self {
        self.text(value.as_bytes())
    }

    pub fn opt(&mut self, value: Option<&str>) -> &mut Self {
        self.0.push(u8::from(value.is_some()));
        if let Some(text) = value {
            self.str(text);
        }
        self
    }

    pub fn int(&mut self, value: i64) -> &mut Self {
        self.0.extend_from_slice(&value.to_le_bytes());
        self
    }

    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.0.push(u8::from(value));
        self
    }

    pub fn float(&mut self, value: Option<f64>) -> &mut Self {
        self.0.push(u8::from(value.is_some()));
        if let Some(number) = value {
            self.0.extend_from_slice(&number.to_le_bytes());
        }
        self
    }
}

/// Reads the fields of one entry back, in the order they were written.
pub struct Fields<'a> {
    data: &'a [u8],
}

impl<'a> Fields<'a> {
    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }

    pub fn text(&mut self) -> &'a [u8] {
        let n = u32::from_le_bytes(self.bytes(4).try_into().expect("4 bytes")) as usize;
        self.bytes(n)
    }

    pub fn str(&mut self) -> &'a str {
        std::str::from_utf8(self.text()).expect("staged from a String")
    }

    pub fn opt(&mut self) -> Option<&'a str> {
        (self.bytes(1)[0] == 1).then(|| self.str())
    }

    pub fn int(&mut self) -> i64 {
        i64::from_le_bytes(self.bytes(8).try_into().expect("8 bytes"))
    }

    pub fn boolean(&mut self) -> bool {
        self.bytes(1)[0] == 1
    }

    pub fn float(&mut self) -> Option<f64> {
        (self.bytes(1)[0] == 1)
            .then(|| f64::from_le_bytes(self.bytes(8).try_into().expect("8 bytes")))
    }
}

pub struct Stage {
    out: BufWriter<File>,
    pub path: PathBuf,
}

impl Stage {
    pub fn create(path: PathBuf) -> Result<Stage, String> {
        let file = File::create(&path).map_err(|e| io(&path, e))?;
        Ok(Stage {
            out: BufWriter::with_capacity(1 << 20, file),
            path,
        })
    }

    pub fn put(&mut self, entry: &Entry) -> Result<(), String> {
        let length = (entry.0.len() as u32).to_le_bytes();
        self.out
            .write_all(&length)
            .and_then(|()| self.out.write_all(&entry.0))
            .map_err(|e| io(&self.path, e))
    }

    /// Call `each` with every entry in the order staged, then delete the file.
    pub fn replay(
        self,
        mut each: impl FnMut(Fields<'_>) -> Result<(), String>,
    ) -> Result<(), String> {
        let Stage { out, path } = self;
        drop(out.into_inner().map_err(|e| io(&path, e.into_error()))?);
        let file = File::open(&path).map_err(|e| io(&path, e))?;
        let mut input = BufReader::with_capacity(1 << 20, file);
        let mut buffer = Vec::new();
        let mut length = [0u8; 4];
        loop {
            match input.read_exact(&mut length) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(e) => return Err(io(&path, e)),
            }
            buffer.resize(u32::from_le_bytes(length) as usize, 0);
            input.read_exact(&mut buffer).map_err(|e| io(&path, e))?;
            each(Fields { data: &buffer })?;
        }
        std::fs::remove_file(&path).map_err(|e| io(&path, e))
    }
}
