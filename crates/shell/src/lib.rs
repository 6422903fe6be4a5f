//! The lab host's command line: a POSIX-like shell that runs kubectl, curl, nslookup and the
//! usual text tools against the simulated cluster, with byte-exact kubectl 1.32 output.
//!
//! It knows nothing of the DOM: the browser and the CLI feed it lines and the clock, and get
//! back ordered stdout/stderr pieces.

pub mod completion;
pub mod context;
pub mod exec;
pub mod expand;
pub mod fs;
pub mod glob;
pub mod io;
pub mod jobs;
pub mod kubectl;
pub mod printers;
pub mod programs;
pub mod scripts;
pub mod session;
pub mod syntax;

pub use io::{transcript, Output};
pub use session::{Session, SessionState, Submitted};
