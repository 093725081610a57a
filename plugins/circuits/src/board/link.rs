//! The host's end of the serial link: a thread that owns the port, speaks the protocol and
//! keeps the board's learnt steps; the simulation talks to it through `crossbeam-channel`.
//!
//! [`BoardLink::open`] starts the thread and returns at once; the thread opens the port (and
//! keeps trying every `reconnect_ms` while it cannot), says `HELLO`, checks the board's shape
//! against the scene's network, and writes the learnt steps it holds to the board (only those
//! that differ). [`BoardLink::call`] sends a command and waits for its reply.
//!
//! Every fault is reported as a [`LinkEvent`] (for the log and the window) and handled:
//! - a reply with a bad checksum or garbage bytes, or no reply within `timeout_ms`: the command
//!   is sent again, up to `retries` times (a clock tick carries its number, so a repeated tick
//!   is answered, not ticked twice);
//! - `BOOT` (the board restarted, as an Uno does when the port opens): the learnt steps are
//!   written back, then the command is sent again;
//! - the port failing or vanishing: the link is down; the thread reopens it every
//!   `reconnect_ms`, writes the steps back, and sends the command it was on again; until then
//!   [`BoardLink::call`] fails at once.
//!
//! The learnt steps ([`BoardLink::steps`]) follow every `SET` and every tick's reply, so a reset
//! or an unplugged cable loses nothing the host has heard of.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, unbounded};
use serde::{Deserialize, Serialize};
use serialport::SerialPort;

use crate::board::protocol::{Command, Reply, VERSION, command_line, read_reply, unframe};

/// Where the board is and how patient the host is with it, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BoardSettings {
    /// The serial port (`/dev/ttyACM0`).
    pub port: String,
    /// Baud rate.
    pub baud: u32,
    /// How long a reply may take, ms.
    pub timeout_ms: u64,
    /// Times a command is sent again after a garbled or missing reply.
    pub retries: u32,
    /// Time between attempts to reopen a lost port, ms.
    pub reconnect_ms: u64,
    /// How long the simulation waits for an answer (across reconnections) before it skips the
    /// batch, ms.
    pub wait_ms: u64,
}

impl Default for BoardSettings {
    fn default() -> Self {
        Self {
            port: "/dev/ttyACM0".to_owned(),
            baud: 115_200,
            timeout_ms: 500,
            retries: 5,
            reconnect_ms: 500,
            wait_ms: 10_000,
        }
    }
}

/// The serial ports this machine has (from /sys on Linux), for the window's list; empty if
/// none can be listed.
pub fn available_ports() -> Vec<String> {
    serialport::available_ports()
        .map(|ports| ports.into_iter().map(|p| p.port_name).collect())
        .unwrap_or_default()
}

/// What the board must be: the scene's network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardShape {
    /// Edges.
    pub edges: u32,
    /// Steps per potentiometer.
    pub steps: u32,
    /// Input nodes.
    pub inputs: u32,
    /// Output nodes.
    pub outputs: u32,
}

/// Something that happened on the link, for the log and the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkEvent {
    /// The port is open and the board answered `HELLO` with the right shape.
    Connected(String),
    /// The port failed, vanished or could not be opened; the link is down.
    Lost(String),
    /// A line that was refused (garbage, a bad checksum), a timeout, or a board error.
    Trouble(String),
    /// The board restarted.
    Reset,
    /// Steps written back to the board after a connection or a restart.
    WroteBack(usize),
}

/// Why a call got no reply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// No reply within the wait (the link is down or the board does not answer).
    #[error("board on {port}: no reply within {waited_ms} ms ({why})")]
    NoReply {
        /// The port.
        port: String,
        /// How long the call waited.
        waited_ms: u64,
        /// The last trouble on the link.
        why: String,
    },
    /// The board refused the command, or it was garbled every time.
    #[error("board on {port}: {message}")]
    Refused {
        /// The port.
        port: String,
        /// The board's error or the last garbled line.
        message: String,
    },
}

/// The last trouble on the link (why a call got no reply), shared by the thread and the caller.
#[derive(Clone)]
struct LastTrouble(Arc<Mutex<String>>);

impl LastTrouble {
    fn get(&self) -> String {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Keeps `why`; whether it differs from the last.
    fn set(&self, why: &str) -> bool {
        let mut last = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let changed = *last != why;
        why.clone_into(&mut last);
        changed
    }
}

enum Request {
    Call(u64, Command),
    WriteBack,
}

/// The host's end of the link. Dropping it stops the thread and closes the port.
pub struct BoardLink {
    settings: BoardSettings,
    requests: Sender<Request>,
    replies: Receiver<(u64, Result<Reply, String>)>,
    /// What happened on the link since it was last drained.
    pub events: Receiver<LinkEvent>,
    steps: Arc<Mutex<Vec<u32>>>,
    next_id: u64,
    last_trouble: LastTrouble,
    /// Whether a connection was lost and not made again (calls then fail at once).
    lost: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl BoardLink {
    /// Starts the link to a board of `shape` at `settings.port`, holding `steps` as the learnt
    /// steps to write to it.
    pub fn open(settings: BoardSettings, shape: BoardShape, steps: Vec<u32>) -> Self {
        let (requests, incoming) = unbounded();
        let (answer, replies) = unbounded();
        let (report, events) = unbounded();
        let steps = Arc::new(Mutex::new(steps));
        let stop = Arc::new(AtomicBool::new(false));
        let last_trouble = LastTrouble(Arc::new(Mutex::new("not connected yet".to_owned())));
        let lost = Arc::new(AtomicBool::new(false));
        let worker = Worker {
            settings: settings.clone(),
            shape,
            steps: steps.clone(),
            report,
            last_trouble: last_trouble.clone(),
            lost: lost.clone(),
            port: None,
            carry: Vec::new(),
            next_id: 0,
            last_idle_check: Instant::now(),
        };
        let thread = {
            let stop = stop.clone();
            std::thread::Builder::new()
                .name(format!("board link {}", settings.port))
                .spawn(move || worker.run(&incoming, &answer, &stop))
                .ok()
        };
        Self {
            settings,
            requests,
            replies,
            events,
            steps,
            next_id: 0,
            last_trouble,
            lost,
            stop,
            thread,
        }
    }

    /// The port's name.
    pub fn port(&self) -> &str {
        &self.settings.port
    }

    /// The learnt steps as the host knows them.
    pub fn steps(&self) -> Vec<u32> {
        self.steps
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Replaces the learnt steps (a checkpoint loaded) and writes them to the board.
    pub fn set_steps(&self, steps: Vec<u32>) {
        *self.steps.lock().unwrap_or_else(PoisonError::into_inner) = steps;
        let _ = self.requests.send(Request::WriteBack);
    }

    /// Sends `command` and waits up to `wait_ms` for its reply. While a lost connection has
    /// not been made again it fails at once (the window must not freeze waiting; the link goes
    /// on reconnecting), and before the first connection it waits.
    pub fn call(&mut self, command: Command) -> Result<Reply, LinkError> {
        if self.lost.load(Ordering::Relaxed) {
            return Err(LinkError::NoReply {
                port: self.settings.port.clone(),
                waited_ms: 0,
                why: self.last_trouble.get(),
            });
        }
        self.next_id += 1;
        let id = self.next_id;
        let port = self.settings.port.clone();
        let gone = |why: String| LinkError::NoReply {
            port: port.clone(),
            waited_ms: self.settings.wait_ms,
            why,
        };
        if self.requests.send(Request::Call(id, command)).is_err() {
            return Err(gone("the link's thread has stopped".to_owned()));
        }
        let deadline = Instant::now() + Duration::from_millis(self.settings.wait_ms);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.replies.recv_timeout(left) {
                // A late reply to a call that gave up waiting: its effect is in `steps`.
                Ok((other, _)) if other != id => {}
                Ok((_, Ok(reply))) => return Ok(reply),
                Ok((_, Err(message))) => return Err(LinkError::Refused { port, message }),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Err(gone(self.last_trouble.get()));
                }
            }
        }
    }
}

impl Drop for BoardLink {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// How one exchange ended.
enum Exchanged {
    Reply(Reply),
    Boot,
}

/// Why an exchange failed.
enum Failed {
    /// The port failed: the link is down.
    Port(String),
    /// The board refused the command, or every attempt was garbled or unanswered.
    Refused(String),
}

/// The link's thread.
struct Worker {
    settings: BoardSettings,
    shape: BoardShape,
    steps: Arc<Mutex<Vec<u32>>>,
    report: Sender<LinkEvent>,
    last_trouble: LastTrouble,
    lost: Arc<AtomicBool>,
    port: Option<Box<dyn SerialPort>>,
    /// Bytes of a line not finished yet.
    carry: Vec<u8>,
    /// The last command's number.
    next_id: u32,
    last_idle_check: Instant,
}

impl Worker {
    fn run(
        mut self,
        incoming: &Receiver<Request>,
        answer: &Sender<(u64, Result<Reply, String>)>,
        stop: &AtomicBool,
    ) {
        let mut pending: Option<(u64, Command)> = None;
        let mut write_back = false;
        while !stop.load(Ordering::Relaxed) {
            if self.port.is_none() && !self.connect() {
                std::thread::sleep(Duration::from_millis(self.settings.reconnect_ms));
                continue;
            }
            if write_back {
                write_back = false;
                if let Err(f) = self.write_back() {
                    self.fail(f);
                    continue;
                }
            }
            let (id, command) = match pending.take() {
                Some(p) => p,
                None => match incoming.recv_timeout(Duration::from_millis(20)) {
                    Ok(Request::Call(id, command)) => (id, command),
                    Ok(Request::WriteBack) => {
                        write_back = true;
                        continue;
                    }
                    Err(RecvTimeoutError::Timeout) => {
                        // Idle: a vanished port or a board that restarted is noticed now.
                        if let Err(f) = self.idle_check() {
                            self.fail(f);
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                },
            };
            match self.exchange(&command) {
                Ok(Exchanged::Reply(reply)) => {
                    self.follow(&reply);
                    let _ = answer.send((id, Ok(reply)));
                }
                Ok(Exchanged::Boot) => {
                    let _ = self.report.send(LinkEvent::Reset);
                    write_back = true;
                    pending = Some((id, command));
                }
                Err(Failed::Port(why)) => {
                    self.fail(Failed::Port(why));
                    pending = Some((id, command));
                }
                Err(Failed::Refused(why)) => {
                    self.trouble(&why);
                    let _ = answer.send((id, Err(why)));
                }
            }
        }
    }

    /// Between commands, every 200 ms: reads whatever the board sent unasked (`BOOT`: the
    /// steps are written back) and notices a port that hung up.
    fn idle_check(&mut self) -> Result<(), Failed> {
        if self.last_idle_check.elapsed() < Duration::from_millis(200) {
            return Ok(());
        }
        self.last_idle_check = Instant::now();
        let name = self.settings.port.clone();
        let timeout = Duration::from_millis(self.settings.timeout_ms);
        let port = self
            .port
            .as_mut()
            .ok_or_else(|| Failed::Port("the port is closed".to_owned()))?;
        let mut byte = [0u8; 1];
        let _ = port.set_timeout(Duration::from_millis(1));
        let read = port.read(&mut byte);
        let _ = port.set_timeout(timeout);
        match read {
            Ok(0) => Err(Failed::Port(format!("{name}: the port closed"))),
            Ok(_) => {
                self.carry.push(byte[0]);
                match self.read_reply(0)? {
                    Some(Ok(Reply::Boot { .. })) => {
                        let _ = self.report.send(LinkEvent::Reset);
                        self.write_back()
                    }
                    Some(Ok(other)) => {
                        self.trouble(&format!("unasked line `{}`", other.body()));
                        Ok(())
                    }
                    Some(Err(garbled)) => {
                        self.trouble(&garbled);
                        Ok(())
                    }
                    None => Ok(()),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => Ok(()),
            Err(e) => Err(Failed::Port(format!("{name}: {e}"))),
        }
    }

    fn trouble(&self, why: &str) {
        self.last_trouble.set(why);
        let _ = self.report.send(LinkEvent::Trouble(why.to_owned()));
    }

    fn fail(&mut self, failed: Failed) {
        let why = match failed {
            Failed::Port(why) | Failed::Refused(why) => why,
        };
        self.last_trouble.set(&why);
        if self.port.take().is_some() {
            self.lost.store(true, Ordering::Relaxed);
            let _ = self.report.send(LinkEvent::Lost(why));
        }
    }

    /// Opens the port, checks the board, writes the steps back; reports what went wrong.
    fn connect(&mut self) -> bool {
        let opened = serialport::new(&self.settings.port, self.settings.baud)
            .timeout(Duration::from_millis(self.settings.timeout_ms))
            .open();
        let port = match opened {
            Ok(p) => p,
            Err(e) => {
                let why = format!("cannot open {}: {e}", self.settings.port);
                if self.last_trouble.set(&why) {
                    let _ = self.report.send(LinkEvent::Lost(why));
                }
                return false;
            }
        };
        let _ = port.clear(serialport::ClearBuffer::All);
        self.carry.clear();
        self.port = Some(port);
        match self.hello().and_then(|()| self.write_back()) {
            Ok(()) => {
                self.lost.store(false, Ordering::Relaxed);
                let _ = self
                    .report
                    .send(LinkEvent::Connected(self.settings.port.clone()));
                true
            }
            Err(f) => {
                let refused = matches!(f, Failed::Refused(_));
                self.fail(f);
                if refused {
                    // A board of the wrong shape: wait before asking again.
                    std::thread::sleep(Duration::from_millis(self.settings.reconnect_ms));
                }
                false
            }
        }
    }

    /// `HELLO`, the board's shape checked against the scene's.
    fn hello(&mut self) -> Result<(), Failed> {
        let reply = loop {
            match self.exchange(&Command::Hello)? {
                Exchanged::Reply(r) => break r,
                Exchanged::Boot => {}
            }
        };
        let Reply::Hello {
            version,
            edges,
            steps,
            inputs,
            outputs,
        } = reply
        else {
            return Err(Failed::Refused(format!(
                "HELLO answered by `{}`",
                reply.body()
            )));
        };
        let board = BoardShape {
            edges,
            steps,
            inputs,
            outputs,
        };
        if version != VERSION || board != self.shape {
            return Err(Failed::Refused(format!(
                "the board on {} is protocol {version} with {edges} edges of {steps} steps, {inputs} inputs and {outputs} outputs; the scene's network (protocol {VERSION}) has {} edges of {} steps, {} inputs and {} outputs",
                self.settings.port,
                self.shape.edges,
                self.shape.steps,
                self.shape.inputs,
                self.shape.outputs
            )));
        }
        Ok(())
    }

    /// Writes every learnt step that differs from the board's.
    fn write_back(&mut self) -> Result<(), Failed> {
        let on_board = match self.exchange(&Command::Steps)? {
            Exchanged::Reply(Reply::Steps(s)) => s,
            Exchanged::Boot => return self.write_back(),
            Exchanged::Reply(other) => {
                return Err(Failed::Refused(format!(
                    "STEPS answered by `{}`",
                    other.body()
                )));
            }
        };
        let learnt = self
            .steps
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let mut written = 0;
        for (edge, (&want, &has)) in learnt.iter().zip(&on_board).enumerate() {
            if want != has {
                let set = Command::Set {
                    edge: edge as u32,
                    step: want,
                };
                if let Exchanged::Boot = self.exchange(&set)? {
                    return self.write_back();
                }
                written += 1;
            }
        }
        if written > 0 {
            let _ = self.report.send(LinkEvent::WroteBack(written));
        }
        Ok(())
    }

    /// The learnt steps follow a reply.
    fn follow(&self, reply: &Reply) {
        let mut steps = self.steps.lock().unwrap_or_else(PoisonError::into_inner);
        match reply {
            Reply::Tick { inc, dec, .. } => {
                for &e in inc {
                    if let Some(s) = steps.get_mut(e as usize) {
                        *s += 1;
                    }
                }
                for &e in dec {
                    if let Some(s) = steps.get_mut(e as usize) {
                        *s = s.saturating_sub(1);
                    }
                }
            }
            Reply::Set { edge, step } => {
                if let Some(s) = steps.get_mut(*edge as usize) {
                    *s = *step;
                }
            }
            _ => {}
        }
    }

    /// Sends `command` until its reply comes (or `BOOT`), up to `retries` more times.
    fn exchange(&mut self, command: &Command) -> Result<Exchanged, Failed> {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        let id = self.next_id;
        let line = command_line(id, command);
        let mut last = String::new();
        for _ in 0..=self.settings.retries {
            let port = self
                .port
                .as_mut()
                .ok_or_else(|| Failed::Port("the port is closed".to_owned()))?;
            port.write_all(line.as_bytes())
                .and_then(|()| port.flush())
                .map_err(|e| Failed::Port(format!("{}: write failed: {e}", self.settings.port)))?;
            match self.read_reply(id)? {
                Some(Ok(Reply::Boot { .. })) => return Ok(Exchanged::Boot),
                Some(Ok(Reply::Error { code, detail })) if code == "CHECKSUM" => {
                    last = format!("the board received `{}` garbled: {detail}", command.body());
                }
                Some(Ok(Reply::Error { code, detail })) => {
                    return Err(Failed::Refused(format!(
                        "`{}` refused: {code} {detail}",
                        command.body()
                    )));
                }
                Some(Ok(reply)) => return Ok(Exchanged::Reply(reply)),
                Some(Err(garbled)) => last = garbled,
                None => {
                    last = format!(
                        "no reply to `{}` within {} ms",
                        command.body(),
                        self.settings.timeout_ms
                    );
                }
            }
            self.trouble(&last);
        }
        Err(Failed::Refused(format!(
            "gave up after {} attempts: {last}",
            self.settings.retries + 1
        )))
    }

    /// The reply to command `id` (or `BOOT`; with `id` 0, any line): `None` on timeout,
    /// `Some(Err)` for a garbled line. Replies to other commands (late, or repeated) are
    /// skipped.
    fn read_reply(&mut self, id: u32) -> Result<Option<Result<Reply, String>>, Failed> {
        let deadline = Instant::now() + Duration::from_millis(self.settings.timeout_ms);
        while Instant::now() < deadline {
            let Some(line) = self.read_line(deadline)? else {
                return Ok(None);
            };
            let shown = String::from_utf8_lossy(&line).escape_debug().to_string();
            let body = match unframe(&line) {
                Ok(body) => body,
                Err(e) => return Ok(Some(Err(format!("garbled line `{shown}`: {e}")))),
            };
            match read_reply(body) {
                Ok((None, boot)) => return Ok(Some(Ok(boot))),
                Ok((Some(n), reply)) if n == id || id == 0 => return Ok(Some(Ok(reply))),
                // The board could not read the command's number: treat as garbled in transit.
                Ok((Some(0), reply @ Reply::Error { .. })) => return Ok(Some(Ok(reply))),
                Ok(_) => {} // a reply to an earlier command, come late
                Err(e) => return Ok(Some(Err(format!("garbled line `{shown}`: {e}")))),
            }
        }
        Ok(None)
    }

    /// The next line's bytes (newline cut), or `None` at `deadline`.
    fn read_line(&mut self, deadline: Instant) -> Result<Option<Vec<u8>>, Failed> {
        let name = self.settings.port.clone();
        let port = self
            .port
            .as_mut()
            .ok_or_else(|| Failed::Port("the port is closed".to_owned()))?;
        let mut line = std::mem::take(&mut self.carry);
        let mut byte = [0u8; 1];
        while Instant::now() < deadline {
            match port.read(&mut byte) {
                Ok(0) => return Err(Failed::Port(format!("{name}: the port closed"))),
                Ok(_) if byte[0] == b'\n' => return Ok(Some(line)),
                Ok(_) => line.push(byte[0]),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => break,
                Err(e) => return Err(Failed::Port(format!("{name}: read failed: {e}"))),
            }
        }
        self.carry = line;
        Ok(None)
    }
}
