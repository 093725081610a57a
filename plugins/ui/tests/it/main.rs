//! The integration tests of neurarium_ui: one test binary, a module per panel.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod manual_drive_keys;
