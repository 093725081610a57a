//! The board emulator: a [`BoardModel`] behind a pseudo-terminal, so the app's real serial code
//! path talks to it as to a board on a USB port.
//!
//! [`Emulator::start`] opens a pseudo-terminal pair and links `path` to its terminal end; the
//! app opens `path` like `/dev/ttyACM0`. A thread answers each line. Faults are injected with
//! [`Emulator::inject`], as a real board and cable produce them:
//!
//! - [`Fault::Garbage`]: bytes on the line before the next reply (noise, a half-sent line);
//! - [`Fault::CorruptReply`]: the next reply's checksum is wrong;
//! - [`Fault::Silent`]: the next `n` lines are carried out but their replies are lost (the
//!   host times out and sends the line again);
//! - [`Fault::Vanish`]: the port disappears (the cable pulled): the pseudo-terminal is closed
//!   and `path` removed;
//! - [`Fault::Return`]: the port comes back at `path` and the board boots afresh, as an Uno
//!   does when the port is opened: every wiper at mid-scale, what it learnt gone;
//! - [`Fault::Reset`]: the board restarts without the port going away.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, unbounded};
use serialport::{SerialPort, TTYPort};

use crate::board::model::BoardModel;

/// A fault to inject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// These bytes go out before the next reply.
    Garbage(Vec<u8>),
    /// The next reply's checksum is wrong.
    CorruptReply,
    /// The next `n` lines are carried out, their replies lost.
    Silent(u32),
    /// The port disappears.
    Vanish,
    /// The port comes back and the board boots.
    Return,
    /// The board restarts.
    Reset,
}

/// A running emulator. Dropping it stops the thread.
pub struct Emulator {
    path: PathBuf,
    faults: Sender<Fault>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<BoardModel>>,
}

/// The open pseudo-terminal: its controlling end, and its terminal end held open so the
/// controlling end reads no error before the app opens `path`.
struct Pty {
    master: TTYPort,
    _slave: TTYPort,
}

fn open_pty(path: &Path) -> std::io::Result<Pty> {
    let (mut master, slave) = TTYPort::pair().map_err(std::io::Error::other)?;
    master
        .set_timeout(Duration::from_millis(10))
        .map_err(std::io::Error::other)?;
    let name = slave
        .name()
        .ok_or_else(|| std::io::Error::other("the pseudo-terminal has no name"))?;
    let _ = std::fs::remove_file(path);
    std::os::unix::fs::symlink(name, path)?;
    Ok(Pty {
        master,
        _slave: slave,
    })
}

impl Emulator {
    /// Starts `board` behind a pseudo-terminal linked at `path` (which must not be a file of
    /// value: it is replaced).
    pub fn start(board: BoardModel, path: &Path) -> std::io::Result<Self> {
        let pty = open_pty(path)?;
        let (faults, incoming) = unbounded();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (stop, path) = (stop.clone(), path.to_owned());
            std::thread::Builder::new()
                .name("board emulator".to_owned())
                .spawn(move || serve(board, Some(pty), &path, &incoming, &stop))?
        };
        Ok(Self {
            path: path.to_owned(),
            faults,
            stop,
            thread: Some(thread),
        })
    }

    /// The port's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Injects `fault`.
    pub fn inject(&self, fault: Fault) {
        let _ = self.faults.send(fault);
    }

    /// Stops the thread and returns the board as it is.
    pub fn stop(mut self) -> Option<BoardModel> {
        self.stop.store(true, Ordering::Relaxed);
        let board = self.thread.take().and_then(|t| t.join().ok());
        let _ = std::fs::remove_file(&self.path);
        board
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What the faults injected so far still ask of the next lines.
#[derive(Default)]
struct Pending {
    garbage: Vec<u8>,
    corrupt: bool,
    silent: u32,
}

/// The emulator's thread: answers lines until stopped.
fn serve(
    board: BoardModel,
    pty: Option<Pty>,
    path: &Path,
    faults: &Receiver<Fault>,
    stop: &AtomicBool,
) -> BoardModel {
    let mut state = Served {
        board,
        pty,
        pending: Pending::default(),
        line: Vec::new(),
    };
    let mut buffer = [0u8; 512];
    while !stop.load(Ordering::Relaxed) {
        state.take_faults(faults, path);
        let Some(p) = state.pty.as_mut() else {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let n = match p.master.read(&mut buffer) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => continue,
            Err(_) => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        for &byte in &buffer[..n] {
            if byte != b'\n' {
                state.line.push(byte);
                continue;
            }
            // Faults injected before the host sent this line apply to its reply.
            state.take_faults(faults, path);
            state.answer();
        }
    }
    state.board
}

/// The emulator's state between lines.
struct Served {
    board: BoardModel,
    pty: Option<Pty>,
    pending: Pending,
    line: Vec<u8>,
}

impl Served {
    /// Takes the faults injected so far.
    fn take_faults(&mut self, faults: &Receiver<Fault>, path: &Path) {
        for fault in faults.try_iter() {
            match fault {
                Fault::Garbage(bytes) => self.pending.garbage.extend(bytes),
                Fault::CorruptReply => self.pending.corrupt = true,
                Fault::Silent(n) => self.pending.silent += n,
                Fault::Vanish => {
                    self.pty = None;
                    let _ = std::fs::remove_file(path);
                }
                Fault::Return => {
                    self.pty = open_pty(path).ok();
                    self.boot();
                }
                Fault::Reset => self.boot(),
            }
        }
    }

    /// Power-on, and the `BOOT` line.
    fn boot(&mut self) {
        self.board.power_on();
        self.line.clear();
        if let Some(p) = self.pty.as_mut() {
            let _ = p.master.write_all(BoardModel::boot_line().as_bytes());
        }
    }

    /// Answers the line received, as the pending faults say.
    fn answer(&mut self) {
        let received = std::mem::take(&mut self.line);
        let mut reply = self.board.answer_line(&received).into_bytes();
        if self.pending.silent > 0 {
            self.pending.silent -= 1;
            return;
        }
        if std::mem::take(&mut self.pending.corrupt) {
            // The first checksum digit, before `D\n`: one bit flipped.
            let at = reply.len() - 3;
            reply[at] ^= 0x01;
        }
        let mut out = std::mem::take(&mut self.pending.garbage);
        out.extend(reply);
        if let Some(p) = self.pty.as_mut() {
            let _ = p.master.write_all(&out);
        }
    }
}
