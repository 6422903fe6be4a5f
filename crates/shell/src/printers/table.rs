//! kubectl's tab writer (liggitt/tabwriter: minwidth 6, padding 3, RememberWidths): every cell
//! but a line's last is padded to its column's width; the last cell is printed as is.

/// A tab writer that remembers column widths between flushes, as `kubectl get -w` needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TabWriter {
    widths: Vec<usize>,
}

const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

impl TabWriter {
    /// A writer with no remembered widths.
    pub fn new() -> TabWriter {
        TabWriter::default()
    }

    /// Lays out rows (each a `Vec` or a slice of cells); widths only grow across calls.
    pub fn format<S: AsRef<str>, R: AsRef<[S]>>(&mut self, rows: &[R]) -> String {
        let columns = rows
            .iter()
            .map(|r| r.as_ref().len().saturating_sub(1))
            .max()
            .unwrap_or(0);
        if self.widths.len() < columns {
            self.widths.resize(columns, 0);
        }
        // Each cell's width in characters, measured once for both passes.
        let mut widths: Vec<u32> = Vec::with_capacity(rows.len() * columns);
        let mut bytes = 0;
        for row in rows {
            let Some((last, cells)) = row.as_ref().split_last() else {
                bytes += 1;
                continue;
            };
            // `cells` has at most `columns` cells: the zip takes them all.
            for (cell, slot) in cells.iter().zip(&mut self.widths) {
                let w = width(cell.as_ref());
                widths.push(u32::try_from(w).unwrap_or(u32::MAX));
                *slot = (*slot).max((w + PADDING).max(MIN_WIDTH));
            }
            bytes += last.as_ref().len() + 1;
        }
        bytes += rows.len() * self.widths.iter().sum::<usize>();
        // Bytes, not a `String`: a row is spaces first, then each cell copied over its place,
        // one fill a row where padding each cell was a copy of its own (in wasm every copy is a
        // call out of the module, 8 ns for a few bytes: most of laying out 10,000 pods).
        let mut out: Vec<u8> = Vec::with_capacity(bytes);
        let mut measured = widths.as_slice();
        for row in rows {
            if let Some((last, cells)) = row.as_ref().split_last() {
                let (chars, rest) = measured.split_at(cells.len().min(measured.len()));
                measured = rest;
                let placed = || {
                    cells
                        .iter()
                        .map(|c| c.as_ref().as_bytes())
                        .zip(self.widths.iter().zip(chars))
                        .map(|(cell, (&column, &chars))| {
                            (cell, cell.len() + column.saturating_sub(chars as usize))
                        })
                };
                let start = out.len();
                let len: usize = placed().map(|(_, room)| room).sum();
                out.resize(start + len, b' ');
                let mut at = start;
                for (cell, room) in placed() {
                    if let Some(place) = out.get_mut(at..at + cell.len()) {
                        place.copy_from_slice(cell);
                    }
                    at += room;
                }
                out.extend_from_slice(last.as_ref().as_bytes());
            }
            out.push(b'\n');
        }
        // Cells of `str`s, spaces and newlines: always UTF-8.
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// A cell's width in characters (tabwriter counts runes).
fn width(cell: &str) -> usize {
    if cell.is_ascii() {
        cell.len()
    } else {
        cell.chars().count()
    }
}

/// Lays out one table on its own.
pub fn tabwrite<S: AsRef<str>, R: AsRef<[S]>>(rows: &[R]) -> String {
    TabWriter::new().format(rows)
}

/// `kubectl describe`'s tab writer: minwidth 0, padding 2, columns aligned over one block of
/// lines; cells are separated by `\t` in the input lines.
pub fn describe_block(text: &str) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    // Go's tabwriter aligns a column over consecutive lines that all have a cell there.
    let mut out_cells: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.iter().map(|c| c.to_string()).collect())
        .collect();
    let max_cols = lines.iter().map(Vec::len).max().unwrap_or(0);
    for col in 0..max_cols {
        let mut i = 0;
        while i < lines.len() {
            // A block: consecutive lines with a cell at `col` that is not their last.
            let has = |l: &Vec<&str>| l.len() > col + 1;
            if !lines.get(i).is_some_and(has) {
                i += 1;
                continue;
            }
            let start = i;
            while lines.get(i).is_some_and(has) {
                i += 1;
            }
            let width = lines
                .get(start..i)
                .unwrap_or(&[])
                .iter()
                .filter_map(|l| l.get(col))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
                + 2;
            for row in out_cells.get_mut(start..i).unwrap_or(&mut []) {
                if let Some(cell) = row.get_mut(col) {
                    let pad = width.saturating_sub(cell.chars().count());
                    cell.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
    }
    out_cells
        .into_iter()
        .map(|r| r.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &[&[&str]]) -> Vec<Vec<String>> {
        t.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn matches_kubectl_layout() {
        let out = tabwrite(&rows(&[
            &["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
            &["web-5d8b9f7c6d-7xk2p", "1/1", "Running", "0", "65s"],
            &[
                "web-5d8b9f7c6d-mz8wv",
                "0/1",
                "ContainerCreating",
                "0",
                "2s",
            ],
        ]));
        assert_eq!(
            out,
            "NAME                   READY   STATUS              RESTARTS   AGE\n\
             web-5d8b9f7c6d-7xk2p   1/1     Running             0          65s\n\
             web-5d8b9f7c6d-mz8wv   0/1     ContainerCreating   0          2s\n"
        );
    }

    #[test]
    fn min_width_shows_without_headers() {
        let out = tabwrite(&rows(&[&[
            "web-5d8b9f7c6d-7xk2p",
            "1/1",
            "Running",
            "0",
            "65s",
        ]]));
        assert_eq!(out, "web-5d8b9f7c6d-7xk2p   1/1   Running   0     65s\n");
    }

    #[test]
    fn remembers_widths_for_watches() {
        let mut tw = TabWriter::new();
        tw.format(&rows(&[
            &["NAME", "STATUS", "AGE"],
            &["a-long-name", "Running", "1s"],
        ]));
        assert_eq!(
            tw.format(&rows(&[&["b", "Pending", "0s"]])),
            "b             Pending   0s\n"
        );
    }

    /// The layout as the tab writer states it, a cell at a time.
    fn reference(widths: &mut Vec<usize>, rows: &[Vec<String>]) -> String {
        for row in rows {
            for (j, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
                if widths.len() <= j {
                    widths.push(0);
                }
                widths[j] = widths[j].max((cell.chars().count() + PADDING).max(MIN_WIDTH));
            }
        }
        let mut out = String::new();
        for row in rows {
            for (j, cell) in row.iter().enumerate() {
                out.push_str(cell);
                if j + 1 < row.len() {
                    out.push_str(&" ".repeat(widths[j] - cell.chars().count()));
                }
            }
            out.push('\n');
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn lays_out_as_the_reference(
            tables in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec("[a-zé/ ]{0,90}", 0..5), 0..6),
                1..3,
            ),
        ) {
            let (mut tw, mut widths) = (TabWriter::new(), Vec::new());
            for rows in &tables {
                proptest::prop_assert_eq!(tw.format(rows), reference(&mut widths, rows));
            }
        }
    }

    #[test]
    fn describe_blocks_align_per_run_of_lines() {
        let out = describe_block("Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1");
        assert_eq!(
            out,
            "Name:       web\nNamespace:  default\nIPs:\n  IP:  10.0.0.1"
        );
    }
}
