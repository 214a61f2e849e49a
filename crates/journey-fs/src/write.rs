//! Writing a file whole. The bytes go to a temporary file created exclusively (`O_EXCL`, under
//! an unpredictable name) in the target's folder, and that file is renamed over the target: a
//! crash leaves the old file or the new one, and a link planted where the temporary file would
//! be is never followed.
//!
//! A user's own file (`journey fmt`) is treated with more care than an output: a link to it is
//! followed (the file it points to is formatted, the link stays a link), it keeps its
//! permissions and owner, and a file with several hard links is rewritten in place so that every
//! link sees the new text. Before that rewrite the new text is saved whole beside it, so that an
//! interrupted rewrite loses nothing: the text is in that `.NAME.XXXXXX.tmp` file.

use std::fs::{File, Metadata, Permissions};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

/// What is written, and so how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// An output that a build makes again (a drawing, an export): replaced whole without
    /// waiting for the disk. Whatever stands at its place (a link, a hard link) is replaced,
    /// never written through.
    Output,
    /// The user's own file: a link is followed to the file it points to; the file must be a
    /// regular file the user may write; the new bytes reach the disk before they replace it;
    /// permissions, owner and hard links are kept.
    Source,
}

/// Writes `bytes` to `path` for `purpose`. Errors are in words fit to follow "cannot write
/// `PATH`: ".
pub fn write(path: &Path, bytes: &[u8], purpose: Purpose) -> io::Result<()> {
    match purpose {
        Purpose::Output => {
            let old = std::fs::symlink_metadata(path).ok().filter(Metadata::is_file);
            let temp = temporary(path, old.map(|m| m.permissions()))?;
            replace(temp, bytes, path, false)
        }
        Purpose::Source => rewrite(path, bytes),
    }
}

/// Writes an output too large to hold in memory, as [`write`] does for [`Purpose::Output`]:
/// `fill` writes it (buffered) into a temporary file beside `path`, which replaces `path` only
/// when `fill` succeeded; on an error nothing is left behind and `path` is as it was.
pub fn write_streamed(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let old = std::fs::symlink_metadata(path).ok().filter(Metadata::is_file);
    let temp = temporary(path, old.map(|m| m.permissions()))?;
    let mut out = io::BufWriter::with_capacity(1 << 16, temp);
    fill(&mut out)?;
    let temp = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file beside `path`, named after it, created exclusively.
fn temporary(path: &Path, permissions: Option<Permissions>) -> io::Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new output gets the usual permissions (less the umask), not a temporary file's 0600.
        builder.permissions(permissions.unwrap_or_else(|| Permissions::from_mode(0o666)));
    }
    #[cfg(not(unix))]
    let _ = permissions;
    builder.tempfile_in(dir)
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Fills the temporary file and renames it over `path`.
fn replace(mut temp: tempfile::NamedTempFile, bytes: &[u8], path: &Path, synced: bool) -> io::Result<()> {
    temp.write_all(bytes)?;
    if synced {
        temp.as_file().sync_all()?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    if synced {
        // The rename itself reaches the disk with the folder.
        if let Ok(dir) = File::open(folder_of(path)) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn rewrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target: PathBuf = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    if !metadata.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is not a regular file"));
    }
    if metadata.permissions().readonly() {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "it is read-only"));
    }
    // Opening it for writing asks the system whether the user may write it, and changes
    // nothing.
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let existing = options.open(&target).map_err(|e| match e.kind() {
        io::ErrorKind::PermissionDenied => io::Error::new(e.kind(), "you may not write it (permission denied)"),
        _ => e,
    })?;
    if !existing.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is not a regular file"));
    }
    if links(&metadata) > 1 {
        return in_place(existing, &target, bytes);
    }
    let temp = temporary(&target, Some(metadata.permissions()))?;
    if !same_owner(temp.as_file(), &metadata)? {
        // Another user's file that this user may write (a shared group's): replacing it would
        // make it this user's, so it is rewritten in place instead.
        drop(temp);
        return in_place(existing, &target, bytes);
    }
    // The temporary file was made with the mode less the umask (and a change of owner may
    // clear some bits): give it the mode exactly.
    temp.as_file().set_permissions(metadata.permissions())?;
    replace(temp, bytes, &target, true)
}

/// Rewrites the open file in place, after saving the new text beside it.
fn in_place(mut file: File, target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut copy = temporary(target, None)?;
    copy.write_all(bytes)?;
    copy.as_file().sync_all()?;
    let written = (|| {
        file.rewind()?;
        file.write_all(bytes)?;
        file.set_len(bytes.len() as u64)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(()),
        Err(error) => {
            let kept = copy.keep().map(|(_, path)| path).map_err(|e| e.error)?;
            Err(io::Error::new(
                error.kind(),
                format!("{error}; the file may be cut short, and its new text is in `{}`", kept.display()),
            ))
        }
    }
}

#[cfg(unix)]
fn links(metadata: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink()
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

/// Gives the temporary file the owner and group of the original; false when the system does
/// not allow it.
#[cfg(unix)]
fn same_owner(temp: &File, original: &Metadata) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let now = temp.metadata()?;
    if now.uid() == original.uid() && now.gid() == original.gid() {
        return Ok(true);
    }
    Ok(std::os::unix::fs::fchown(temp, Some(original.uid()), Some(original.gid())).is_ok())
}

#[cfg(not(unix))]
fn same_owner(_: &File, _: &Metadata) -> io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_output_replaces_the_file_only_when_it_is_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("log.csv");
        std::fs::write(&path, "old\n").expect("written");
        let failed = write_streamed(&path, |out: &mut dyn Write| {
            out.write_all(b"half")?;
            Err(io::Error::other("stopped"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old\n");
        assert_eq!(std::fs::read_dir(dir.path()).expect("listed").count(), 1, "no temporary file is left");
        write_streamed(&path, |out: &mut dyn Write| {
            for i in 0..100_000 {
                writeln!(out, "{i}")?;
            }
            Ok(())
        })
        .expect("written");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 100_000);
        assert!(text.ends_with("99999\n"));
    }
}
