//! Background jobs (`cmd &`): what a running command sees of them and asks of them (the
//! `[1] 4242` a new job prints, `jobs`, `kill %1`), and bash's texts for them. The session
//! runs each job's machine beside the command in the foreground.

use crate::syntax::Script;

/// How many background jobs can run at once: past it, starting one fails as a fork does at the
/// host's process limit (without a limit, `while true; do sleep 9 & done` grew without end, and
/// each turn of the session ran every job).
pub const MAX_JOBS: usize = 256;

/// The first process id the lab host hands out (its processes before are the system's).
const FIRST_PID: u32 = 2310;

/// A job as `jobs` names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobLine {
    /// `%1`.
    pub id: usize,
    /// Its process id.
    pub pid: u32,
    /// The command line as typed, without the `&`.
    pub text: String,
}

/// The jobs between the session and its commands: the ones running, the ones a command just
/// started, and the ones `kill` asked to stop.
#[derive(Clone, Debug, Default)]
pub struct JobTable {
    /// The running jobs, oldest first.
    pub running: Vec<JobLine>,
    /// Started by the command now running; the session takes them over.
    pub spawned: Vec<(JobLine, Script)>,
    /// `kill` asked to stop these: (job, `Killed` for SIGKILL, else `Terminated`).
    pub kills: Vec<(usize, &'static str)>,
    /// Jobs that ended, with their status (what `wait %N` returns), newest last.
    pub finished: Vec<(usize, i32)>,
    /// Jobs `fg` brought to the foreground: their end is not told as a notice.
    pub claimed: Vec<usize>,
    last_pid: u32,
}

impl JobTable {
    /// Starts a job: bash numbers it one past the highest in use. `pid_step` spaces the process
    /// ids as other processes would (the caller's seeded randomness).
    pub fn spawn(&mut self, text: String, script: Script, pid_step: u32) -> JobLine {
        let id = self.running.iter().map(|l| l.id).max().unwrap_or(0) + 1;
        self.last_pid = self.last_pid.max(FIRST_PID) + pid_step.max(1);
        let line = JobLine {
            id,
            pid: self.last_pid,
            text,
        };
        self.running.push(line.clone());
        self.spawned.push((line.clone(), script));
        line
    }

    /// The job `%N`, `%%`/`%+` (the newest) or `%-` (the one before) names.
    pub fn find(&self, spec: &str) -> Option<&JobLine> {
        let n = self.running.len();
        match spec {
            "%%" | "%+" | "%" => self.running.last(),
            "%-" => self.running.get(n.checked_sub(2)?),
            s => {
                let id: usize = s.strip_prefix('%')?.parse().ok()?;
                self.running.iter().find(|l| l.id == id)
            }
        }
    }

    /// Notes that job `id` ended with `status`; whether bash tells it (not a job `fg` took).
    pub fn end(&mut self, id: usize, status: i32) -> bool {
        self.running.retain(|l| l.id != id);
        if self.finished.len() >= 64 {
            self.finished.remove(0);
        }
        self.finished.push((id, status));
        let claimed = self.claimed.contains(&id);
        self.claimed.retain(|c| *c != id);
        !claimed
    }

    /// bash's mark of a job among the running ones: `+` the newest, `-` the one before.
    pub fn mark(&self, id: usize) -> char {
        let n = self.running.len();
        match self.running.iter().position(|l| l.id == id) {
            Some(i) if i + 1 == n => '+',
            Some(i) if i + 2 == n => '-',
            _ => ' ',
        }
    }
}

/// bash's line for a job: `[1]+  Running                 sleep 10 &`.
pub fn line(id: usize, mark: char, status: &str, text: &str) -> String {
    format!("[{id}]{mark}  {status:<24}{text}")
}

/// How bash reports a job that ended with `status`: `Done`, `Exit 3`.
pub fn ended(status: i32) -> String {
    if status == 0 {
        "Done".to_string()
    } else {
        format!("Exit {status}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_marks_and_lines_as_bash() {
        let mut t = JobTable::default();
        let a = t.spawn("sleep 9".into(), Script { items: vec![] }, 3);
        let b = t.spawn("false".into(), Script { items: vec![] }, 4);
        assert_eq!((a.id, b.id, a.pid, b.pid), (1, 2, 2313, 2317));
        assert_eq!((t.mark(1), t.mark(2)), ('-', '+'));
        assert_eq!(t.find("%1").map(|l| l.pid), Some(2313));
        assert_eq!(t.find("%-").map(|l| l.id), Some(1));
        assert_eq!(t.find("%3"), None);
        assert_eq!(
            line(2, '+', &ended(1), "false"),
            "[2]+  Exit 1                  false"
        );
        assert_eq!(
            line(1, '+', "Running", "sleep 0.3 &"),
            "[1]+  Running                 sleep 0.3 &"
        );
    }
}
