//! Shared by the benchmarks that run a Python peer in the same run: finding a Python that has
//! the peer's module.

// Each benchmark is its own crate and uses a different part of this module.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

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

/// Runs the peer `benches/peers/SCRIPT` with `python` and `args`, writing `jobs` to its stdin
/// one a line, and returns each line it prints as numbers. Panics with its stderr if it fails.
pub fn peer_lines(python: &str, script: &str, args: &[String], jobs: &[String]) -> Vec<Vec<f64>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/peers")
        .join(script);
    let mut child = Command::new(python)
        .arg(path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for job in jobs {
        writeln!(stdin, "{job}").unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the peer {script} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.split_whitespace().map(|a| a.parse().unwrap()).collect())
        .collect()
}
