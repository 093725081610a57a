//! Shared by the benchmarks that run a Python peer in the same run: finding a Python that has
//! the peer's module.

use std::process::Command;

/// The first of `$NEURARIUM_PYTHON`, `python3` and `~/.cache/neurarium-peers/bin/python3`
/// that imports `module`.
pub fn python_with(module: &str) -> Option<String> {
    let home = std::env::var("HOME").unwrap_or_default();
    let candidates = [
        std::env::var("NEURARIUM_PYTHON").ok(),
        Some("python3".to_owned()),
        Some(format!("{home}/.cache/neurarium-peers/bin/python3")),
    ];
    candidates.into_iter().flatten().find(|python| {
        Command::new(python)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}
