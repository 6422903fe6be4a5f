//! One stable sort for the whole program: every caller sorts through the same compiled code.
//!
//! The standard library's stable sort is generic over the element and the comparison, so each
//! `sort_by(|a, b| ...)` call site compiled its own copy (47 copies, 192 KB of the wasm before
//! wasm-opt). Here only a permutation of indices is sorted, with the comparison behind a `dyn`,
//! and the slice is then put in that order: one copy of the sort, a few bytes per caller. The
//! workspace's clippy configuration forbids the slice sorts elsewhere.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `slice::sort_by` does.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_indices(&mut order, &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
    }
    permute(v, &order);
}

/// Sorts `v` stably by the key `key` gives each element, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order, as `slice::sort` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instance of the standard library's stable sort: indices, by a comparison of the
/// elements they stand for.
#[inline(never)]
#[allow(clippy::disallowed_methods)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Puts `v` in `order` (`v[i]` becomes the old `v[order[i]]`) by following its cycles with
/// swaps: no element is copied or dropped.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut placed = vec![false; order.len()];
    for start in 0..order.len() {
        let mut at = start;
        loop {
            match placed.get_mut(at) {
                Some(p) if !*p => *p = true,
                _ => break,
            }
            let Some(&from) = order.get(at) else { break };
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut words = vec!["pear", "apple", "fig"];
        sort(&mut words);
        assert_eq!(words, ["apple", "fig", "pear"]);
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(mut v in prop::collection::vec((0u8..8, any::<u16>()), 0..64)) {
            let mut expected = v.clone();
            #[allow(clippy::disallowed_methods)]
            expected.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            prop_assert_eq!(v, expected);
        }
    }
}
