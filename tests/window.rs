//! The window path: the app starts on the default scene in a real window, runs a few seconds
//! and saves a screenshot, which must not be blank.
//!
//! Needs a display and a Vulkan driver: `.ci/run` runs it under Xvfb with Mesa's software
//! Vulkan (`cargo test --test window -- --ignored`).

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use std::process::Command;

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn window_starts_on_default_scene_and_screenshot_is_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    let shot = std::env::var("NEURARIUM_SCREENSHOT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("window.png"));
    let output = Command::new(env!("CARGO_BIN_EXE_neurarium"))
        .args([
            "--screenshot",
            shot.to_str().unwrap(),
            "--screenshot-after",
            "4",
        ])
        .current_dir(common::root())
        .output()
        .expect("binary runs");
    assert!(
        output.status.success(),
        "window run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let image = image::open(&shot).expect("screenshot is a PNG").to_rgb8();
    assert!(
        image.width() >= 640 && image.height() >= 400,
        "{}x{}",
        image.width(),
        image.height()
    );

    let luminance: Vec<f64> = image
        .pixels()
        .map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]))
        .collect();
    let mean = luminance.iter().sum::<f64>() / luminance.len() as f64;
    let variance =
        luminance.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / luminance.len() as f64;
    assert!(
        variance.sqrt() > 5.0,
        "the screenshot is nearly uniform (sd {})",
        variance.sqrt()
    );

    let mut colors: Vec<[u8; 3]> = image.pixels().map(|p| p.0).collect();
    colors.sort_unstable();
    colors.dedup();
    assert!(
        colors.len() > 50,
        "only {} distinct colours: panels were not drawn",
        colors.len()
    );

    // Spikes are drawn in the region colours: some pixels must be strongly blue or orange.
    let coloured = image
        .pixels()
        .filter(|p| (p[2] > 200 && p[0] < 140) || (p[0] > 200 && p[2] < 120))
        .count();
    assert!(
        coloured > 100,
        "no spikes visible ({coloured} region-coloured pixels)"
    );
}
