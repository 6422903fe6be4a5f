//! Seeded randomness: generated names, uids, addresses and jitter all come from here.
//!
//! The state is one `u64` (fastrand's WyRand), so the whole cluster stays serializable and a
//! restored cluster continues the same sequence.

use serde::{Deserialize, Serialize};

/// The alphabet of `k8s.io/apimachinery/pkg/util/rand`: no vowels, so no words by accident.
pub const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// A deterministic random source owned by the cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator that always yields the same sequence for the same seed.
    pub fn seeded(seed: u64) -> Rng {
        Rng { state: seed }
    }

    fn with<T>(&mut self, f: impl FnOnce(&mut fastrand::Rng) -> T) -> T {
        let mut rng = fastrand::Rng::with_seed(self.state);
        let out = f(&mut rng);
        self.state = rng.get_seed();
        out
    }

    /// A uniform value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        self.with(|r| r.u64(0..n))
    }

    /// A uniform value in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        self.with(|r| r.i64(lo..=hi))
    }

    /// `rand.String(n)`: what the API server appends to a `generateName`.
    pub fn suffix(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| {
                let i = self.below(ALPHANUMS.len() as u64) as usize;
                char::from(*ALPHANUMS.get(i).unwrap_or(&b'x'))
            })
            .collect()
    }

    /// A random (version 4) UUID, as the API server gives every object.
    pub fn uuid(&mut self) -> String {
        let hi = self.with(|r| r.u64(..));
        let lo = self.with(|r| r.u64(..));
        let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
        let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            hi >> 32,
            (hi >> 16) & 0xffff,
            hi & 0xffff,
            lo >> 48,
            lo & 0xffff_ffff_ffff
        )
    }

    /// An independent generator for `stream`, derived from this one's state without drawing
    /// from it: objects added to the boot sequence take their random parts from a fork, so the
    /// names and addresses everything else gets stay as they were.
    pub fn fork(&self, stream: u64) -> Rng {
        let mut seed = self.state ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        // One SplitMix64 round, so that nearby streams start far apart.
        seed = (seed ^ (seed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        seed = (seed ^ (seed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng::seeded(seed ^ (seed >> 31))
    }

    /// `n` random lowercase hex digits (container ids, image digests).
    pub fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit(self.below(16) as u32, 16).unwrap_or('0'))
            .collect()
    }
}

/// `rand.SafeEncodeString`: maps each byte onto [`ALPHANUMS`].
pub fn safe_encode(s: &str) -> String {
    s.bytes()
        .map(|b| char::from(*ALPHANUMS.get(b as usize % ALPHANUMS.len()).unwrap_or(&b'x')))
        .collect()
}

/// 32-bit FNV-1a, the hash behind `pod-template-hash`.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::seeded(7);
        let mut b = Rng::seeded(7);
        assert_eq!(a.suffix(5), b.suffix(5));
        assert_eq!(a.uuid(), b.uuid());
        let s = a.suffix(5);
        assert!(s.bytes().all(|c| ALPHANUMS.contains(&c)), "{s}");
    }

    #[test]
    fn a_fork_leaves_the_sequence_alone() {
        let mut a = Rng::seeded(7);
        let b = Rng::seeded(7);
        let mut f = b.fork(1);
        assert_eq!(b, Rng::seeded(7));
        assert_ne!(f.uuid(), a.uuid());
        assert_ne!(b.fork(1), b.fork(2));
        assert_eq!(b.fork(1), Rng::seeded(7).fork(1));
    }

    #[test]
    fn uuid_has_the_v4_shape() {
        let u = Rng::seeded(1).uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(u.as_bytes()[14], b'4');
        assert!(matches!(u.as_bytes()[19], b'8' | b'9' | b'a' | b'b'), "{u}");
    }

    #[test]
    fn safe_encode_maps_digits_like_apimachinery() {
        assert_eq!(safe_encode("0123456789"), "456789bcdf");
    }
}
