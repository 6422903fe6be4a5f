//! Byte searches for the terminal's screen, eight bytes a step: a listing of 10,000 pods is a
//! megabyte of text, and wasm has no vector search (a byte at a time, the screen's three scans
//! of it took 2 ms of a listing in Chromium).

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `word` that is `b`, and no other bit (the exact form of the
/// zero-byte test: no carry reaches a neighbouring byte).
fn equal(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * u64::from(b));
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// Eight bytes as a word, the first in the lowest byte.
fn word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]))
}

/// How many newlines `bytes` holds, and whether it holds an escape (`ESC`).
pub fn newlines_and_escape(bytes: &[u8]) -> (usize, bool) {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let (mut newlines, mut escapes) = (0, 0);
    for chunk in chunks {
        let w = word(chunk);
        newlines += equal(w, b'\n').count_ones() as usize;
        escapes |= equal(w, 0x1b);
    }
    newlines += rest.iter().filter(|&&b| b == b'\n').count();
    (newlines, escapes != 0 || rest.contains(&0x1b))
}

/// Where the `k`th newline from the end of `bytes` is (`k` from 1).
pub fn newline_from_end(bytes: &[u8], k: usize) -> Option<usize> {
    let mut seen = 0;
    let chunks = bytes.rchunks_exact(8);
    let head = chunks.remainder().len();
    for (i, chunk) in chunks.enumerate() {
        let found = equal(word(chunk), b'\n');
        let n = found.count_ones() as usize;
        if seen + n >= k {
            let start = bytes.len() - 8 * (i + 1);
            return last_newline(chunk, k - seen).map(|j| start + j);
        }
        seen += n;
    }
    last_newline(bytes.get(..head)?, k - seen)
}

/// Where the `k`th newline from the end of a short `bytes` is.
fn last_newline(bytes: &[u8], k: usize) -> Option<usize> {
    bytes
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, &b)| b == b'\n')
        .nth(k.checked_sub(1)?)
        .map(|(j, _)| j)
}

/// Where the first newline, carriage return or escape of `bytes` is.
pub fn first_special(bytes: &[u8]) -> Option<usize> {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    for (i, chunk) in chunks.enumerate() {
        let w = word(chunk);
        let found = equal(w, b'\n') | equal(w, b'\r') | equal(w, 0x1b);
        if found != 0 {
            return Some(8 * i + found.trailing_zeros() as usize / 8);
        }
    }
    let at = rest
        .iter()
        .position(|&b| matches!(b, b'\n' | b'\r' | 0x1b))?;
    Some(bytes.len() - rest.len() + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn newlines_from_end(bytes: &[u8]) -> Vec<usize> {
        (0..bytes.len())
            .rev()
            .filter(|&i| bytes[i] == b'\n')
            .collect()
    }

    #[test]
    fn finds_bytes_in_words_and_in_the_rest() {
        let text = b"NAME   READY\r\nweb-1  1/1\n\x1b[0mweb-2\n\x80\x0a";
        assert_eq!(newlines_and_escape(text), (4, true));
        assert_eq!(newlines_and_escape(b"a\nb"), (1, false));
        assert_eq!(first_special(text), Some(12));
        assert_eq!(first_special(b"0123456789abcdef\x1b"), Some(16));
        assert_eq!(first_special(b"no specials here, just text"), None);
        assert_eq!(newline_from_end(text, 1), Some(text.len() - 1));
        assert_eq!(newline_from_end(text, 4), Some(13));
        assert_eq!(newline_from_end(text, 5), None);
        assert_eq!(newline_from_end(b"", 1), None);
        assert_eq!(newline_from_end(b"\n", 0), None);
    }

    proptest::proptest! {
        #[test]
        fn agree_with_a_byte_at_a_time(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(b'\n'), proptest::strategy::Just(b'\r'),
                    proptest::strategy::Just(0x1b_u8), proptest::strategy::Just(0x0a_u8 ^ 0x80),
                    proptest::num::u8::ANY, 0x20_u8..0x7f,
                ],
                0..80,
            ),
            k in 0usize..12,
        ) {
            let newlines = newlines_from_end(&bytes);
            proptest::prop_assert_eq!(
                newlines_and_escape(&bytes),
                (newlines.len(), bytes.contains(&0x1b))
            );
            proptest::prop_assert_eq!(
                first_special(&bytes),
                bytes.iter().position(|b| matches!(b, b'\n' | b'\r' | 0x1b))
            );
            let kth = k.checked_sub(1).and_then(|i| newlines.get(i).copied());
            proptest::prop_assert_eq!(newline_from_end(&bytes, k), kth);
        }
    }
}
