//! What comes before a reader: gzip recognised by its magic bytes and undone (flate2, pure
//! Rust), UTF-16 recognised, and progress reported as the raw
//! bytes go by.

use std::io::{self, BufRead, BufReader, Read};

/// The raw input, decompressed if it starts like gzip (`1f 8b`); concatenated gzip members are
/// read one after the other, as `gzip -d` does.
pub fn decompress<'r>(input: impl Read + 'r) -> io::Result<Box<dyn BufRead + 'r>> {
    let mut buffered = BufReader::with_capacity(1 << 16, input);
    let head = buffered.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(buffered))))
    } else {
        Ok(Box::new(buffered))
    }
}

/// What the first bytes of a text say about its encoding (a UTF-8 byte-order mark is UTF-8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

pub(crate) fn sniff(head: &[u8]) -> Encoding {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) { Encoding::Utf16 } else { Encoding::Utf8 }
}

/// Passes reads through and calls `report` with the bytes read so far, at most about once per
/// `every` bytes (and at the end): wrap the file, before [`decompress`], to follow a long read.
pub struct Progress<R, F> {
    inner: R,
    report: F,
    read: u64,
    reported: u64,
    every: u64,
}

impl<R: Read, F: FnMut(u64)> Progress<R, F> {
    pub fn new(inner: R, every: u64, report: F) -> Self {
        Progress { inner, report, read: 0, reported: 0, every: every.max(1) }
    }
}

impl<R: Read, F: FnMut(u64)> Read for Progress<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if n == 0 || self.read - self.reported >= self.every {
            self.reported = self.read;
            (self.report)(self.read);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_is_recognised_and_plain_text_passes() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"a,b\n1,2\n").expect("write");
        let bytes = gz.finish().expect("gzip");
        let mut text = String::new();
        decompress(&bytes[..]).expect("open").read_to_string(&mut text).expect("read");
        assert_eq!(text, "a,b\n1,2\n");
        let mut plain = String::new();
        decompress(&b"a,b\n"[..]).expect("open").read_to_string(&mut plain).expect("read");
        assert_eq!(plain, "a,b\n");
    }

    #[test]
    fn progress_reports_and_ends_with_the_total() {
        let data = vec![b'x'; 10_000];
        let mut seen = Vec::new();
        let mut reader = Progress::new(&data[..], 4096, |n| seen.push(n));
        io::copy(&mut reader, &mut io::sink()).expect("copy");
        assert_eq!(seen.last(), Some(&10_000));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    }
}
