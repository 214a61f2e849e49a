//! Reading only regular files. The file is opened first and then asked what it is (its
//! metadata through the open descriptor), so that it cannot be swapped between the question and
//! the read; it is opened without blocking, so that a FIFO with no writer is refused rather than
//! waited on.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use journey_model::LoadError;

/// An open regular file and its metadata.
#[derive(Debug)]
pub struct Opened {
    file: File,
    pub metadata: Metadata,
}

/// Opens `path` (following links) if it is a regular file.
pub fn open(path: &Path) -> Result<Opened, LoadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound,
        // Opening a socket fails (ENXIO); say what it is rather than the system's words.
        _ => match std::fs::metadata(path) {
            Ok(metadata) if !metadata.is_file() => LoadError::NotAFile(kind(&metadata)),
            _ => LoadError::Other(error.to_string()),
        },
    })?;
    let metadata = file.metadata().map_err(|e| LoadError::Other(e.to_string()))?;
    if !metadata.is_file() {
        return Err(LoadError::NotAFile(kind(&metadata)));
    }
    Ok(Opened { file, metadata })
}

impl Opened {
    /// The open file, for a reader that streams it (an event log) rather than reading it whole.
    pub fn into_file(self) -> File {
        self.file
    }

    /// Reads the file whole, refusing one of more than `limit` bytes (even one that grows while
    /// it is read).
    pub fn read(self, limit: u64) -> Result<Vec<u8>, LoadError> {
        if self.metadata.len() > limit {
            return Err(LoadError::TooLarge(self.metadata.len()));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(self.metadata.len()).unwrap_or(0));
        self.file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| LoadError::Other(e.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(LoadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    open(path)?.read(limit)
}

/// The text of the regular file at `path`, at most `limit` bytes of UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, LoadError> {
    String::from_utf8(read(path, limit)?).map_err(|_| LoadError::Other("it is not UTF-8 text".into()))
}

/// What a file that is not a regular file is, in words.
fn kind(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("journey-fs-read-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn reads_regular_files_within_the_limit() {
        let dir = temp_dir("regular");
        let path = dir.join("a.journey");
        std::fs::write(&path, "lane a \"A\"\n").expect("write");
        assert_eq!(read(&path, 100).expect("read"), b"lane a \"A\"\n");
        assert_eq!(read(&path, 4), Err(LoadError::TooLarge(11)));
        assert_eq!(read(&dir.join("missing"), 100), Err(LoadError::NotFound));
        assert_eq!(read(&dir, 100), Err(LoadError::NotAFile("a folder")));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_and_fifos_without_blocking() {
        assert_eq!(read(Path::new("/dev/zero"), 100), Err(LoadError::NotAFile("a device")));
        let dir = temp_dir("fifo");
        let fifo = dir.join("x.journey");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        assert_eq!(read(&fifo, 100), Err(LoadError::NotAFile("a FIFO (named pipe)")));
        let socket = std::os::unix::net::UnixListener::bind(dir.join("s.journey")).expect("a socket");
        assert_eq!(read(&dir.join("s.journey"), 100), Err(LoadError::NotAFile("a socket")));
        drop(socket);
    }
}
