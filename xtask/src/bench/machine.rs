//! The machine and moment a measurement was taken on: date, `uname -a`, CPU, load, versions;
//! and the wait for other builds to finish before timing anything.

use crate::setup::{output, root};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// What `docs/performance.md` says about where its numbers come from.
pub struct Machine {
    pub date: String,
    pub uname: String,
    pub cpu: String,
    pub cores: usize,
    pub load: String,
    pub commit: String,
    pub versions: Vec<String>,
}

impl Machine {
    pub fn probe() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
            .unwrap_or_else(|| "unknown".into());
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let versions = [
            ("rustc", vec!["--version"]),
            ("node", vec!["--version"]),
            ("/usr/bin/chromium", vec!["--version"]),
            ("kubectl", vec!["version", "--client"]),
        ]
        .into_iter()
        .filter_map(|(cmd, args)| {
            let v = output(Command::new(cmd).args(&args))?;
            let first = v.lines().next()?.to_string();
            Some(if cmd == "node" {
                format!("node {first}")
            } else {
                first
            })
        })
        .collect();
        Machine {
            date: utc_now(),
            uname: output(Command::new("uname").arg("-a")).unwrap_or_else(|| "unknown".into()),
            cpu,
            cores,
            load: load(),
            commit: commit(),
            versions,
        }
    }

    /// The paragraph under the heading.
    pub fn markdown(&self) -> String {
        format!(
            "- Date: {} (UTC)\n- Commit: {}\n- Machine: `{}`\n- CPU: {}, {} cores; load average at start: {}\n- Tools: {}\n",
            self.date,
            self.commit,
            self.uname,
            self.cpu,
            self.cores,
            self.load,
            self.versions.join("; ")
        )
    }
}

/// The 1/5/15-minute load averages.
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The short commit, with `+changes` when the tree has uncommitted changes.
fn commit() -> String {
    let head = output(
        Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .current_dir(root()),
    )
    .unwrap_or_else(|| "unknown".into());
    let dirty = output(
        Command::new("git")
            .args(["status", "--porcelain", "--untracked-files=no"])
            .current_dir(root()),
    )
    .is_some_and(|s| !s.is_empty());
    if dirty {
        format!("{head}+changes")
    } else {
        head
    }
}

/// Now as `YYYY-MM-DD HH:MM`, in UTC.
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil(i64::try_from(secs / 86_400).unwrap_or(0));
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// How many rustc processes are running: ours are all finished when this is called (every
/// build here runs to its end first), so these are other people's builds.
fn rustc_running() -> usize {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0;
    };
    dir.filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter(|e| {
            std::fs::read_to_string(e.path().join("comm")).is_ok_and(|c| c.trim() == "rustc")
        })
        .count()
}

/// Waits (at most `limit`) while another build runs, so that it neither slows our build nor
/// skews our timings. Returns a note when it gave up waiting.
pub fn wait_for_quiet(what: &str, limit: Duration) -> Option<String> {
    let t = Instant::now();
    let mut said = false;
    loop {
        let n = rustc_running();
        if n == 0 {
            return None;
        }
        if t.elapsed() >= limit {
            let note = format!(
                "{what}: started while another build ran ({n} rustc processes; load {})",
                load()
            );
            println!("    {note}");
            return Some(note);
        }
        if !said {
            println!("==> waiting for another build to finish before {what} ({n} rustc processes)");
            said = true;
        }
        std::thread::sleep(Duration::from_secs(10));
    }
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_723), (2024, 1, 1));
        assert_eq!(civil(20_783), (2026, 11, 26));
    }
}
