//! The disk, as the `journey` command and the language server use it; the core crates do no
//! IO and get files through `journey_model::Loader`. Three things live here, so that both
//! shells do them alike:
//!
//! - [`read`]: only regular files are read, within a size limit. A FIFO, a device or a socket
//!   is refused once opened (without blocking on it), never read;
//! - [`write`]: a file is written whole, through a temporary file created exclusively beside
//!   it and renamed over it, so that a crash leaves the old file or the new one and no planted
//!   link is ever written through ([`write_streamed`] for an output too large to hold);
//! - [`scan`]: the journey files of a folder, honouring `.gitignore` and the `exclude` list of
//!   `journey.toml`, not following links out of the folder, reporting what it cannot read and
//!   going on; and the workspace root a path belongs to.

mod read;
mod scan;
mod write;

pub use read::{Opened, open, read, read_text};
pub use scan::{Problem, Scan, ScanOptions, marked_root, scan};
pub use write::{Purpose, write, write_streamed};
