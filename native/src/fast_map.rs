//! The hash map of the writer's in-memory decisions (statement hashes, version stamps, ids):
//! aHash with keys drawn at random per run, several times faster than the standard library's
//! SipHash on millions of short ids and as resistant to keys chosen to collide.

pub type Map<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
