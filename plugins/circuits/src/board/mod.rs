//! A real board: the line protocol, the host's serial link, and a board emulator.
//!
//! - [`protocol`]: lines with checksums, the commands and replies;
//! - [`model`]: what a board does with each line, over a simulated circuit;
//! - [`emulator`]: that model behind a pseudo-terminal, with faults to inject;
//! - [`link`]: the host's end, on its own thread, reconnecting and writing learnt steps back.
//!
//! The hardware and the Arduino sketch are described in `docs/board.md`.

pub mod emulator;
pub mod link;
pub mod model;
pub mod protocol;
