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
        // Each cell's width, measured once for both passes.
        let mut widths: Vec<usize> = Vec::with_capacity(rows.len() * columns);
        let mut bytes = 0;
        for row in rows {
            let row = row.as_ref();
            for (j, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
                let w = width(cell.as_ref());
                widths.push(w);
                if let Some(slot) = self.widths.get_mut(j) {
                    *slot = (*slot).max((w + PADDING).max(MIN_WIDTH));
                }
            }
            bytes += row.last().map_or(0, |c| c.as_ref().len()) + 1;
        }
        bytes += rows.len() * self.widths.iter().sum::<usize>();
        let mut out = String::with_capacity(bytes);
        let mut cell_widths = widths.into_iter();
        for row in rows {
            let row = row.as_ref();
            let last = row.len().saturating_sub(1);
            for (j, cell) in row.iter().enumerate() {
                out.push_str(cell.as_ref());
                if j < last {
                    let w = self.widths.get(j).copied().unwrap_or(MIN_WIDTH);
                    pad(&mut out, w.saturating_sub(cell_widths.next().unwrap_or(0)));
                }
            }
            out.push('\n');
        }
        out
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

/// Appends `n` spaces.
fn pad(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(SPACES.get(..k).unwrap_or(""));
        n -= k;
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

    #[test]
    fn describe_blocks_align_per_run_of_lines() {
        let out = describe_block("Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1");
        assert_eq!(
            out,
            "Name:       web\nNamespace:  default\nIPs:\n  IP:  10.0.0.1"
        );
    }
}
