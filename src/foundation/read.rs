//! Reading a file that somebody else controls, with limits.
//!
//! Every reader of the project (models, imports, rule catalogues, building-block
//! libraries, evidence, templates) reads through [`bounded`]: only a regular file is read
//! (a FIFO, a device such as `/dev/zero` or `/proc/self/fd/1`, or a folder is refused at
//! once, naming it, rather than hanging or never ending), and never more than the limit,
//! even when the file grows between the size check and the read. Opening does not wait
//! either: a FIFO opened for reading blocks until a writer comes, so the file is opened
//! non-blocking and its type checked on the open handle (no window between a check by
//! name and the open).

use std::io::Read;
use std::path::Path;

/// Why a file could not be read; the caller names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(#[source] std::io::Error),
    #[error("not a regular file ({0}): only regular files are read")]
    NotRegular(&'static str),
    #[error("the file is {size} bytes; the limit is {max} bytes")]
    TooLarge { size: u64, max: u64 },
}

/// What kind of thing `meta` describes, for "not a regular file (a FIFO)".
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Opens `path` for reading without waiting for a writer (a FIFO), and checks that it is a
/// regular file; gives the file and its size.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    Ok((file, meta.len()))
}

/// The bytes of the regular file at `path`, at most `max` of them.
pub fn bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    if size > max {
        return Err(ReadError::TooLarge { size, max });
    }
    // The size can change between the check and the read: never read past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// The format the first 64 KiB of `text` declare (`format: "threatboard-blocks"` gives
/// `threatboard-blocks`), to tell our kinds of file apart before parsing one. A parser's
/// errors quote the text they stumbled on: only a file that declares a format may be
/// quoted (a model committed as a link to a runner's token file must not be).
pub fn declared_format(text: &str) -> Option<&str> {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.match_indices("format").find_map(|(i, _)| {
        let rest = head[i + "format".len()..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start()
            .strip_prefix('"')?;
        rest.find('"').map(|close| &rest[..close])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_format_is_read_from_the_head() {
        assert_eq!(
            declared_format("(\n    format: \"threatboard-blocks\",\n    version: 1,"),
            Some("threatboard-blocks")
        );
        assert_eq!(
            declared_format("(format:\"threatboard\")"),
            Some("threatboard")
        );
        assert_eq!(declared_format("(formats: [], title: \"x\")"), None);
        assert_eq!(declared_format("a token"), None);
    }

    #[test]
    fn reads_a_regular_file_up_to_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("f.txt");
        std::fs::write(&path, b"hello").expect("write");
        assert_eq!(bounded(&path, 5).expect("reads"), b"hello");
        assert!(matches!(
            bounded(&path, 4),
            Err(ReadError::TooLarge { size: 5, max: 4 })
        ));
    }

    #[test]
    fn refuses_a_folder_and_a_device() {
        let dir = tempfile::tempdir().expect("temp dir");
        let e = bounded(dir.path(), 10).expect_err("a folder");
        assert!(e.to_string().contains("folder"), "{e}");
        #[cfg(unix)]
        {
            let e = bounded(Path::new("/dev/zero"), 10).expect_err("a device");
            assert!(e.to_string().contains("device"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_fifo_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        // Nobody ever writes: a blocking open would never return and the test would hang.
        let e = bounded(&path, 10).expect_err("a FIFO");
        assert!(e.to_string().contains("FIFO"), "{e}");
    }
}
