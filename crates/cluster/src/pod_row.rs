//! A pod's table row as the API server's table convertor computes it (`printPod` in
//! kubernetes' `printers.go`): the cells `kubectl get pods` shows. The store computes them
//! each time a pod is written (`pod_facts`), while the pod's JSON is hot in the cache, so a
//! listing of 10,000 pods reads no pod JSON at all.

use crate::object::{self, array_at, i64_at, str_at};
use crate::time::{human_duration, Time};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;

/// `metadata.creationTimestamp`, if it reads as a time.
pub fn created(obj: &Value) -> Option<Time> {
    str_at(obj, &["metadata", "creationTimestamp"]).and_then(Time::parse_rfc3339)
}

/// The AGE cell of an object created at `created`.
pub fn age_at(created: Option<Time>, now: Time) -> String {
    match created {
        Some(t) => human_duration(now.since(t)),
        None => "<unknown>".into(),
    }
}

/// The text kubectl prints for an empty cell.
pub fn or_none(s: String) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}

/// The pod STATUS column (`printPod`).
pub fn pod_status(pod: &Value) -> (String, usize, usize, i64, Option<Time>) {
    let mut reason = str_at(pod, &["status", "phase"]).unwrap_or("").to_string();
    if let Some(r) = str_at(pod, &["status", "reason"]) {
        if !r.is_empty() {
            reason = r.to_string();
        }
    }
    let total = array_at(pod, &["spec", "containers"]).len();
    let mut ready = 0;
    let mut restarts = 0;
    let mut last_restart: Option<Time> = None;
    let mut has_running = false;
    for cs in array_at(pod, &["status", "containerStatuses"]).iter().rev() {
        restarts += i64_at(cs, &["restartCount"]).unwrap_or(0);
        if let Some(t) =
            str_at(cs, &["lastState", "terminated", "finishedAt"]).and_then(Time::parse_rfc3339)
        {
            last_restart = Some(last_restart.map_or(t, |l: Time| l.max(t)));
        }
        let waiting = str_at(cs, &["state", "waiting", "reason"]).filter(|r| !r.is_empty());
        let term = object::get(cs, &["state", "terminated"]);
        if let Some(w) = waiting {
            reason = w.to_string();
        } else if let Some(r) = term
            .and_then(|t| str_at(t, &["reason"]))
            .filter(|r| !r.is_empty())
        {
            reason = r.to_string();
        } else if let Some(t) = term {
            reason = match i64_at(t, &["signal"]).filter(|s| *s != 0) {
                Some(sig) => format!("Signal:{sig}"),
                None => format!("ExitCode:{}", i64_at(t, &["exitCode"]).unwrap_or(0)),
            };
        } else if cs.get("ready").and_then(Value::as_bool) == Some(true)
            && object::get(cs, &["state", "running"]).is_some()
        {
            has_running = true;
            ready += 1;
        }
    }
    if reason == "Completed" && has_running {
        let pod_ready = array_at(pod, &["status", "conditions"]).iter().any(|c| {
            str_at(c, &["type"]) == Some("Ready") && str_at(c, &["status"]) == Some("True")
        });
        reason = if pod_ready {
            "Running".into()
        } else {
            "NotReady".into()
        };
    }
    let phase = str_at(pod, &["status", "phase"]).unwrap_or("");
    if object::is_terminating(pod) && str_at(pod, &["status", "reason"]) == Some("NodeLost") {
        reason = "Unknown".into();
    } else if object::is_terminating(pod) && phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating".into();
    }
    (reason, ready, total, restarts, last_restart)
}

/// A pod's row as its JSON gives it: every cell but the two that change with the clock
/// (RESTARTS' "(5m ago)" and AGE), kept with the times those are computed from. A pod's
/// cells change only when it is written, so they can be kept per resourceVersion.
#[derive(Clone, Debug, PartialEq)]
pub struct PodCells {
    /// NAME, READY, STATUS, then IP, NODE, NOMINATED NODE, READINESS GATES, one after the
    /// other in one allocation.
    text: Box<str>,
    row: RowMeta,
}

/// Where the cells of a row's text end, and what its clock-dependent cells are computed from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RowMeta {
    /// Where each of the seven cells ends in the text.
    ends: [u32; 7],
    restarts: i64,
    last_restart: Option<Time>,
    created: Option<Time>,
}

impl PodCells {
    /// The cells of a pod object.
    pub fn of(obj: &Value) -> PodCells {
        let (status, ready, total, restarts, last_restart) = pod_status(obj);
        let ip = array_at(obj, &["status", "podIPs"])
            .first()
            .and_then(|p| str_at(p, &["ip"]))
            .or_else(|| str_at(obj, &["status", "podIP"]))
            .unwrap_or("");
        let gates = array_at(obj, &["spec", "readinessGates"]);
        let gates = if gates.is_empty() {
            "<none>".to_string()
        } else {
            let ok = gates
                .iter()
                .filter(|g| {
                    let t = str_at(g, &["conditionType"]).unwrap_or("");
                    array_at(obj, &["status", "conditions"]).iter().any(|c| {
                        str_at(c, &["type"]) == Some(t) && str_at(c, &["status"]) == Some("True")
                    })
                })
                .count();
            format!("{ok}/{}", gates.len())
        };
        let ready = format!("{ready}/{total}");
        let node = str_at(obj, &["spec", "nodeName"]).unwrap_or("");
        let nominated = str_at(obj, &["status", "nominatedNodeName"]).unwrap_or("");
        // (cell, shown as `<none>` when empty), written straight into the one string.
        let fixed = [
            (object::name(obj), false),
            (ready.as_str(), false),
            (status.as_str(), false),
            (ip, true),
            (node, true),
            (nominated, true),
            (gates.as_str(), false),
        ];
        let mut text = String::with_capacity(fixed.iter().map(|(c, _)| c.len().max(6)).sum());
        let mut ends = [0u32; 7];
        for ((cell, none), end) in fixed.iter().zip(&mut ends) {
            text.push_str(if *none && cell.is_empty() {
                "<none>"
            } else {
                cell
            });
            // A pod's cells are far below 4 GiB (a name is at most 253 bytes).
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        PodCells {
            text: text.into_boxed_str(),
            row: RowMeta {
                ends,
                restarts,
                last_restart,
                created: created(obj),
            },
        }
    }

    /// The row at `now`.
    pub fn at(&self, now: Time) -> Vec<String> {
        let (listing, mut cells) = (PodListing::copied([Some(self)], now), Vec::new());
        listing.push_row(0, &mut cells);
        cells.into_iter().map(Cow::into_owned).collect()
    }

    /// The cells' text, one after the other.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Where the cells end, and what the clock-dependent ones are computed from.
    pub(crate) fn row(&self) -> RowMeta {
        self.row
    }
}

/// The cells of every stored pod side by side in one string, kept by the store: a listing
/// reads them from a megabyte or two instead of from as many allocations as pods, spread over
/// the heap among the pods' JSON (which made reading them cache misses, not work). A write
/// appends the pod's new cells; the string is rebuilt in key order once most of it is cells no
/// pod has any more.
#[derive(Clone, Debug, Default)]
pub struct CellText {
    text: String,
    /// Bytes of `text` that no stored pod's cells are any more.
    unused: usize,
}

impl CellText {
    /// Appends a pod's cells; returns where they start.
    pub(crate) fn add(&mut self, cells: &PodCells) -> u32 {
        let at = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(cells.text());
        at
    }

    /// Notes that a pod's cells are no longer used (replaced or removed).
    pub(crate) fn release(&mut self, cells: &PodCells) {
        self.unused += cells.text().len();
    }

    /// The text's length, unused parts included.
    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether most of the text is unused (and enough to be worth rebuilding).
    pub(crate) fn wasteful(&self) -> bool {
        self.unused > 64 * 1024 && self.unused > self.text.len() / 2
    }

    /// Rebuilds the text from the cells of `pods`, in their order; each gets its new start.
    pub(crate) fn rebuild<'p>(&mut self, pods: impl Iterator<Item = (&'p PodCells, &'p mut u32)>) {
        let mut text = String::with_capacity(self.len().saturating_sub(self.unused));
        for (cells, at) in pods {
            *at = u32::try_from(text.len()).unwrap_or(u32::MAX);
            text.push_str(cells.text());
        }
        *self = CellText { text, unused: 0 };
    }

    /// The stored cells of listed pods: `rows` holds each one's start in this text and its row.
    pub(crate) fn rows(&self, rows: Vec<Option<(u32, RowMeta)>>) -> StoredRows<'_> {
        StoredRows {
            text: &self.text,
            rows,
        }
    }
}

/// What a listing reads of the stored cells of its pods ([`crate::store::Store::pod_cells_of`]):
/// the store's [`CellText`], and for each listed pod where its cells start there and its row
/// (`None` for a pod that has no stored cells, such as a dry run's).
#[derive(Clone, Debug, Default)]
pub struct StoredRows<'a> {
    text: &'a str,
    rows: Vec<Option<(u32, RowMeta)>>,
}

/// The rows of a listing of pods at one `now`, made from their cells: the store's, read where
/// they are (side by side in its [`CellText`]), or cells of their own copied side by side.
#[derive(Clone, Debug, Default)]
pub struct PodListing<'a> {
    text: Cow<'a, str>,
    /// Each listed pod's start in `text` and its row, if it had cells.
    rows: Vec<Option<(u32, RowMeta)>>,
    now: Time,
    /// The AGE cells, one per creation time: a listing's pods share a few hundred ages, and a
    /// copy per pod was a third of the allocations of listing 10,000 pods.
    ages: Ages,
}

/// The distinct AGE cells of a listing, and which one each row shows (so a row finds its age
/// without hashing its creation time a second time).
#[derive(Clone, Debug, Default)]
struct Ages {
    text: Vec<String>,
    /// Per listed pod, its index in `text` (rows without cells have none).
    of_row: Vec<u32>,
}

impl Ages {
    /// The AGE cells of rows at `now`.
    fn of(rows: &[Option<(u32, RowMeta)>], now: Time) -> Ages {
        let mut seen: HashMap<Option<Time>, u32, BuildTimeHasher> = HashMap::default();
        let mut text = Vec::new();
        let of_row = rows
            .iter()
            .map(|row| match row {
                Some((_, row)) => *seen.entry(row.created).or_insert_with(|| {
                    text.push(age_at(row.created, now));
                    u32::try_from(text.len() - 1).unwrap_or(u32::MAX)
                }),
                None => u32::MAX,
            })
            .collect();
        Ages { text, of_row }
    }

    fn of_row(&self, i: usize) -> Option<&str> {
        let at = *self.of_row.get(i)?;
        self.text.get(at as usize).map(String::as_str)
    }
}

/// Hashes a creation time with one multiplication: the standard hasher (SipHash, made to resist
/// crafted keys) cost more than the rest of a row's AGE, and these keys come from the clock.
#[derive(Clone, Copy, Debug, Default)]
struct BuildTimeHasher;

impl std::hash::BuildHasher for BuildTimeHasher {
    type Hasher = TimeHasher;
    fn build_hasher(&self) -> TimeHasher {
        TimeHasher(0)
    }
}

/// See [`BuildTimeHasher`].
#[derive(Clone, Copy, Debug, Default)]
struct TimeHasher(u64);

impl std::hash::Hasher for TimeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
}

impl<'a> PodListing<'a> {
    /// The listing of pods whose stored cells are `stored`.
    pub fn of(stored: StoredRows<'a>, now: Time) -> PodListing<'a> {
        PodListing {
            ages: Ages::of(&stored.rows, now),
            text: Cow::Borrowed(stored.text),
            rows: stored.rows,
            now,
        }
    }

    /// The listing of pods whose cells are `cells` (`None` for a pod that has none), copied
    /// side by side.
    pub fn copied<'c>(
        cells: impl IntoIterator<Item = Option<&'c PodCells>>,
        now: Time,
    ) -> PodListing<'static> {
        let mut text = String::new();
        let rows: Vec<_> = cells
            .into_iter()
            .map(|c| {
                c.map(|c| {
                    let start = u32::try_from(text.len()).unwrap_or(u32::MAX);
                    text.push_str(&c.text);
                    (start, c.row)
                })
            })
            .collect();
        PodListing {
            ages: Ages::of(&rows, now),
            text: Cow::Owned(text),
            rows,
            now,
        }
    }

    /// Appends the row of the `i`th listed pod to `out`; false if it had no stored cells.
    pub fn push_row<'s>(&'s self, i: usize, out: &mut Vec<Cow<'s, str>>) -> bool {
        /// RESTARTS without a last restart, for the counts most pods have.
        const COUNTS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        let Some(&Some((start, row))) = self.rows.get(i) else {
            return false;
        };
        let restarts = match row.last_restart {
            Some(t) => Cow::Owned(format!(
                "{} ({} ago)",
                row.restarts,
                human_duration(self.now.since(t))
            )),
            None => match usize::try_from(row.restarts)
                .ok()
                .and_then(|i| COUNTS.get(i))
            {
                Some(count) => Cow::Borrowed(*count),
                None => Cow::Owned(row.restarts.to_string()),
            },
        };
        let age = match self.ages.of_row(i) {
            Some(age) => Cow::Borrowed(age),
            None => Cow::Owned(age_at(row.created, self.now)),
        };
        // The `i`th of the cells that do not change with the clock.
        let fixed = |i: usize| {
            let from = match i.checked_sub(1) {
                Some(before) => row.ends.get(before).copied().unwrap_or(0),
                None => 0,
            };
            let to = row.ends.get(i).copied().unwrap_or(from);
            let at = |offset: u32| start.saturating_add(offset) as usize;
            Cow::Borrowed(self.text.get(at(from)..at(to)).unwrap_or(""))
        };
        out.extend([
            fixed(0),
            fixed(1),
            fixed(2),
            restarts,
            age,
            fixed(3),
            fixed(4),
            fixed(5),
            fixed(6),
        ]);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(name: &str, created: &str, restarts: i64, last_restart: Option<&str>) -> Value {
        let mut state = json!({"running": {"startedAt": created}});
        let mut last = json!({});
        if let Some(t) = last_restart {
            last = json!({"terminated": {"exitCode": 1, "finishedAt": t}});
            state = json!({"running": {"startedAt": t}});
        }
        json!({"metadata": {"name": name, "creationTimestamp": created},
            "spec": {"containers": [{"name": "c"}], "nodeName": "n1"},
            "status": {"phase": "Running", "podIP": "10.244.0.5",
                "containerStatuses": [{"name": "c", "ready": true, "restartCount": restarts,
                    "state": state, "lastState": last}]}})
    }

    fn rows(listing: &PodListing, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                let mut out = Vec::new();
                match listing.push_row(i, &mut out) {
                    true => out.join("|"),
                    false => "-".into(),
                }
            })
            .collect()
    }

    #[test]
    fn a_listing_prints_each_stored_row_at_its_now() {
        let Some(now) = Time::parse_rfc3339("2026-11-26T11:00:00Z") else {
            panic!("time")
        };
        let a = PodCells::of(&pod("a", "2026-11-26T10:00:00Z", 0, None));
        let b = PodCells::of(&pod("b", "2026-11-26T10:00:00Z", 12, None));
        let c = PodCells::of(&pod(
            "c",
            "2026-11-26T10:55:00Z",
            3,
            Some("2026-11-26T10:58:00Z"),
        ));
        let listing = PodListing::copied([Some(&a), None, Some(&b), Some(&c)], now);
        assert_eq!(
            rows(&listing, 5),
            [
                "a|1/1|Running|0|60m|10.244.0.5|n1|<none>|<none>",
                "-",
                "b|1/1|Running|12|60m|10.244.0.5|n1|<none>|<none>",
                "c|1/1|Running|3 (2m ago)|5m|10.244.0.5|n1|<none>|<none>",
                "-",
            ]
        );
        // One AGE per creation time.
        assert_eq!(listing.ages.text.len(), 2);
        assert_eq!(a.at(now).join("|"), rows(&listing, 1)[0]);
    }
}
