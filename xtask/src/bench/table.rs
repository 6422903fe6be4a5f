//! The one table `cargo xtask bench` prints, its extra sections, and number formatting.

/// How a row compares with its budget.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    Pass,
    Fail,
    /// No budget: a figure to read.
    Info,
    /// The row could not be measured; its result says why.
    Skipped,
}

impl Verdict {
    fn mark(self) -> &'static str {
        match self {
            Verdict::Pass => "ok",
            Verdict::Fail => "**over**",
            Verdict::Info => "",
            Verdict::Skipped => "skipped",
        }
    }

    /// `Pass` when `ok`, else `Fail`.
    pub fn of(ok: bool) -> Verdict {
        if ok {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }
}

/// One line of the table.
pub struct Row {
    pub area: String,
    pub measure: String,
    pub result: String,
    pub budget: String,
    pub verdict: Verdict,
}

impl Row {
    pub fn new(area: &str, measure: &str, result: String, budget: &str, verdict: Verdict) -> Row {
        Row {
            area: area.into(),
            measure: measure.into(),
            result,
            budget: budget.into(),
            verdict,
        }
    }

    /// A row that could not be measured: `skipped: why`.
    pub fn skipped(area: &str, measure: &str, why: &str) -> Row {
        Row::new(
            area,
            measure,
            format!("skipped: {why}"),
            "",
            Verdict::Skipped,
        )
    }
}

/// The table, then sections of markdown that explain it.
#[derive(Default)]
pub struct Report {
    pub rows: Vec<Row>,
    /// (title, markdown body)
    pub sections: Vec<(String, String)>,
}

impl Report {
    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    pub fn extend(&mut self, rows: Vec<Row>) {
        self.rows.extend(rows);
    }

    pub fn section(&mut self, title: &str, body: String) {
        self.sections.push((title.into(), body));
    }

    /// The table as markdown (which also reads well in a terminal).
    pub fn table(&self) -> String {
        let mut s = String::from(
            "| area | measure | result | budget / comparison | verdict |\n|---|---|---|---|---|\n",
        );
        for r in &self.rows {
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                cell(&r.area),
                cell(&r.measure),
                cell(&r.result),
                cell(&r.budget),
                r.verdict.mark()
            ));
        }
        s
    }

    /// The sections, each under a `###` heading.
    pub fn sections_markdown(&self) -> String {
        self.sections
            .iter()
            .map(|(t, b)| format!("### {t}\n\n{}\n", b.trim_end()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A table cell: no pipes or newlines inside.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes as KB (1 KB = 1,000 bytes, as the budget is written) with one decimal.
pub fn kb(n: u64) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

/// Bytes as MB (1 MB = 1,000,000 bytes).
pub fn mb(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

/// A duration in milliseconds, with the precision that reads well at its size.
pub fn dur(ms: f64) -> String {
    if !ms.is_finite() {
        "n/a".into()
    } else if ms < 0.001 {
        format!("{:.0} ns", ms * 1e6)
    } else if ms < 1.0 {
        format!("{:.1} µs", ms * 1e3)
    } else if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 100.0 {
        format!("{ms:.1} ms")
    } else if ms < 10_000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1e3)
    }
}

/// `a / b` as "N× faster" or "N× slower" (for kubeplay `a` against a reference `b`).
pub fn ratio(kubeplay_ms: f64, reference_ms: f64) -> String {
    if kubeplay_ms <= 0.0 || reference_ms <= 0.0 {
        return "n/a".into();
    }
    let r = reference_ms / kubeplay_ms;
    if r >= 1.0 {
        format!("kubeplay {} faster", times(r))
    } else {
        format!("kubeplay {} slower", times(1.0 / r))
    }
}

fn times(r: f64) -> String {
    if r >= 100.0 {
        format!("{}×", thousands(r.round() as u64))
    } else if r >= 10.0 {
        format!("{r:.0}×")
    } else {
        format!("{r:.1}×")
    }
}

/// The nearest-rank percentile `p` (0..=100) of `v`; `None` when empty.
pub fn percentile(v: &[f64], p: f64) -> Option<f64> {
    let mut s: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if s.is_empty() {
        return None;
    }
    s.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s.get(rank.clamp(1, s.len()) - 1).copied()
}

/// The median (50th nearest-rank percentile).
pub fn median(v: &[f64]) -> Option<f64> {
    percentile(v, 50.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(kb(300_000), "300.0 KB");
        assert_eq!(dur(0.0123), "12.3 µs");
        assert_eq!(dur(2.5), "2.50 ms");
        assert_eq!(dur(16.44), "16.4 ms");
        assert_eq!(dur(152.4), "152 ms");
        assert_eq!(dur(15_300.0), "15.3 s");
        assert_eq!(ratio(1.0, 50.0), "kubeplay 50× faster");
        assert_eq!(ratio(2.0, 1.0), "kubeplay 2.0× slower");
    }

    #[test]
    fn percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), Some(50.0));
        assert_eq!(percentile(&v, 99.0), Some(99.0));
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn cells_stay_in_their_column() {
        let mut r = Report::default();
        r.push(Row::new("a", "b|c", "x\ny".into(), "", Verdict::Info));
        assert!(r.table().contains("| a | b\\|c | x y |  |  |"));
    }
}
