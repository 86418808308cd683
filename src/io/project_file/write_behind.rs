//! Writing a big file while its text is still being made: the text goes to another thread
//! in chunks, which writes them, so making it and writing it (the kernel copying it into
//! the page cache) overlap.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, SyncSender};

/// Bytes handed to the writing thread at a time.
const CHUNK: usize = 1 << 20;

/// Runs `produce` with a writer whose bytes reach `file` on another thread (straight from
/// this one where a thread cannot be started). The first error wins: a write that failed
/// (the disk is full) rather than the broken pipe the producer then meets.
pub(super) fn write_behind<F: Write + Send>(
    file: &mut F,
    produce: impl FnOnce(&mut Chunks<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut produce = Some(produce);
    // At most two full chunks wait; written ones come back to be filled again.
    let (full_tx, full_rx) = mpsc::sync_channel::<Vec<u8>>(2);
    let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
    let behind = std::thread::scope(|scope| {
        let writer = std::thread::Builder::new()
            .name("threatboard-save".into())
            .spawn_scoped(scope, || -> io::Result<()> {
                for mut chunk in full_rx {
                    file.write_all(&chunk)?;
                    chunk.clear();
                    // The producer may be gone already: then nobody needs the buffer.
                    let _ = empty_tx.send(chunk);
                }
                Ok(())
            })
            .ok()?;
        let mut chunks = Chunks {
            buffer: Vec::with_capacity(CHUNK),
            sent: 0,
            to: To::Thread {
                full: full_tx,
                empty: empty_rx,
            },
        };
        let made = produce.take()?(&mut chunks).and_then(|()| chunks.send());
        drop(chunks); // the writer's loop ends when the last chunk is taken
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the thread writing the file stopped")));
        Some(written.and(made))
    });
    match (behind, produce) {
        (Some(result), _) => result,
        (None, Some(produce)) => {
            let mut chunks = Chunks {
                buffer: Vec::with_capacity(CHUNK),
                sent: 0,
                to: To::File(file),
            };
            produce(&mut chunks)?;
            chunks.send()
        }
        (None, None) => Err(io::Error::other("the file could not be written")),
    }
}

/// Where full chunks go.
enum To<'f> {
    Thread {
        full: SyncSender<Vec<u8>>,
        empty: Receiver<Vec<u8>>,
    },
    File(&'f mut dyn Write),
}

/// The producer's end: bytes gathered into chunks, handed on when full.
pub(super) struct Chunks<'f> {
    buffer: Vec<u8>,
    /// Bytes handed on so far.
    sent: u64,
    to: To<'f>,
}

impl Chunks<'_> {
    /// Bytes written so far.
    pub(super) fn written(&self) -> u64 {
        self.sent + self.buffer.len() as u64
    }

    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.sent += self.buffer.len() as u64;
        match &mut self.to {
            To::Thread { full, empty } => {
                let next = empty
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
                let chunk = std::mem::replace(&mut self.buffer, next);
                full.send(chunk)
                    .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
            }
            To::File(file) => {
                file.write_all(&self.buffer)?;
                self.buffer.clear();
                Ok(())
            }
        }
    }
}

impl Write for Chunks<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a producer writes: pieces of every size up to several chunks, numbered.
    fn produce_text(out: &mut impl Write) -> io::Result<()> {
        for i in 0..3_000usize {
            let piece = format!("{i:06}:").repeat(i % 97 + 1);
            out.write_all(piece.as_bytes())?;
        }
        out.write_all(&vec![b'x'; 3 * CHUNK + 17])?;
        out.write_all(b"and the last few bytes")
    }

    #[test]
    fn the_bytes_arrive_whole_and_in_order() {
        let mut expected = Vec::new();
        produce_text(&mut expected).expect("writes");
        assert!(expected.len() > 3 * CHUNK, "several chunks");
        let mut file = Vec::new();
        write_behind(&mut file, |out| produce_text(out)).expect("writes");
        assert!(
            file == expected,
            "{} of {} bytes",
            file.len(),
            expected.len()
        );
    }

    /// A file that takes `room` bytes and then reports the disk full.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if bytes.len() > self.room {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            self.room -= bytes.len();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_is_the_error_and_the_producer_stops() {
        let mut file = Full { room: CHUNK + 10 };
        let err = write_behind(&mut file, |out| produce_text(out)).expect_err("the disk is full");
        assert_eq!(err.kind(), io::ErrorKind::StorageFull, "{err}");
    }

    #[test]
    fn a_producer_that_fails_gives_its_error() {
        let mut file = Vec::new();
        let err = write_behind(&mut file, |out| {
            out.write_all(&vec![b'a'; 2 * CHUNK])?;
            Err(io::Error::other("the model could not be written"))
        })
        .expect_err("fails");
        assert_eq!(err.to_string(), "the model could not be written");
    }
}
