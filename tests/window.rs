//! The window path: the app starts on the default scene (the car) or a checkpoint in a real
//! window, runs a few seconds and saves a screenshot, which must show what it promises.
//!
//! Needs a display and a Vulkan driver: `.ci/run` runs it under Xvfb with Mesa's software
//! Vulkan (`cargo test --test window -- --ignored`).

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use std::path::PathBuf;
use std::process::Command;

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .expect("cargo sets CARGO_MANIFEST_DIR when it runs a test"),
    )
}

/// Runs the window with `args`, saves a screenshot to `shot` after 4 s and returns it.
fn screenshot(args: &[&str], shot: &std::path::Path) -> image::RgbImage {
    screenshot_after(args, shot, 4)
}

/// Runs the window with `args`, saves a screenshot to `shot` after `seconds` and returns it.
fn screenshot_after(args: &[&str], shot: &std::path::Path, seconds: u32) -> image::RgbImage {
    let output = Command::new(env!("CARGO_BIN_EXE_neurarium"))
        .args(args)
        .args([
            "--screenshot",
            shot.to_str().unwrap(),
            "--screenshot-after",
            &seconds.to_string(),
        ])
        .current_dir(root())
        .output()
        .expect("binary runs");
    assert!(
        output.status.success(),
        "window run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    image::open(shot).expect("screenshot is a PNG").to_rgb8()
}

/// Asserts that the car view is drawn: its background, the walls and the car body, in the
/// colours car_view draws them.
fn assert_car_drawn(image: &image::RgbImage) {
    let count = |colour: [u8; 3]| image.pixels().filter(|p| p.0 == colour).count();
    // The car view's background, the walls and the car body, in the colours car_view draws.
    assert!(count([18, 22, 28]) > 50_000, "no track view");
    let walls = count([200, 205, 215]);
    assert!(walls > 300, "no walls drawn ({walls} wall-coloured pixels)");
    let body = count([90, 160, 255]) + count([220, 60, 60]);
    assert!(body > 100, "no car drawn ({body} car-coloured pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn car_scene_draws_the_track_the_car_and_its_rays() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(&["--scene", "scenes/car.ron"], &dir.path().join("car.png"));
    assert_car_drawn(&image);
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_default_scene_and_the_shipped_trained_car_open_on_the_car() {
    let dir = tempfile::tempdir().unwrap();
    assert_car_drawn(&screenshot(&[], &dir.path().join("default.png")));
    let trained = screenshot(
        &["--load", "assets/car_trained.ckpt"],
        &dir.path().join("trained.png"),
    );
    assert_car_drawn(&trained);
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn a_traced_neuron_gets_its_membrane_plotted_and_a_bad_trace_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/car.ron", "--trace", "motor:4"],
        &dir.path().join("trace.png"),
    );
    // The trace line, in the colour membrane.rs draws it, in the left panel's lower half.
    let trace = image
        .enumerate_pixels()
        .filter(|(x, y, p)| *x < 320 && *y > image.height() / 2 && p.0 == [240, 220, 100])
        .count();
    assert!(
        trace > 30,
        "no membrane trace drawn ({trace} trace-coloured pixels)"
    );

    for (bad, says) in [
        ("motor:30", "has 30 neurons"),
        ("cortex:1", "no region named 'cortex'"),
        ("motor", "REGION:NEURON"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_neurarium"))
            .args(["--scene", "scenes/car.ron", "--trace", bad])
            .current_dir(root())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "--trace {bad} was accepted");
        assert!(stderr.contains(says), "--trace {bad}: {stderr}");
    }
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn window_starts_on_default_scene_and_screenshot_is_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    let shot = std::env::var("NEURARIUM_SCREENSHOT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("window.png"));
    let image = screenshot(&[], &shot);
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

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_eqprop_scene_draws_the_answer_and_after_an_epoch_the_confusion_matrix() {
    let dir = tempfile::tempdir().unwrap();
    // An epoch is 327 steps (a batch each): the window at 1× shows one in a few seconds.
    let image = screenshot_after(
        &["--scene", "scenes/mnist_eqprop.ron"],
        &dir.path().join("eqprop.png"),
        12,
    );
    let count = |keep: &dyn Fn([u8; 3]) -> bool| image.pixels().filter(|p| keep(p.0)).count();
    // The chosen class's bar, in the orange answer_bars draws it; its height is the output for
    // the digit shown at the screenshot's moment, so a weak answer is a short bar (a run showed
    // 195 pixels): any solid bar counts.
    let chosen = count(&|p| p == [255, 190, 70]);
    assert!(chosen > 50, "no answer drawn ({chosen} orange pixels)");
    // The confusion matrix's diagonal after the first epoch: green cells, (20, g, 40).
    let diagonal = count(&|p| p[0] == 20 && p[2] == 40 && p[1] > 150);
    assert!(
        diagonal > 1000,
        "no confusion matrix drawn ({diagonal} green pixels)"
    );
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_grid_scene_draws_the_map_the_goal_and_the_agent() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/grid_5x5.ron"],
        &dir.path().join("grid.png"),
    );
    let count = |colour: [u8; 3]| image.pixels().filter(|p| p.0 == colour).count();
    // The goal cell, in the green grid_view draws it, about a 25th of the map's squares.
    let goal = count([60, 170, 90]);
    assert!(goal > 1000, "no goal drawn ({goal} green pixels)");
    // The agent's white disc (arrows are translucent white, so count only a solid disc's worth).
    let white = count([255, 255, 255]);
    assert!(white > 300, "no agent drawn ({white} white pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_moved_goal_scene_outlines_the_other_goal_in_the_same_column() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/grid_moved_goal.ron"],
        &dir.path().join("moved.png"),
    );
    // The goal (bottom right) and the moved goal's outline (top right) in the goal's green:
    // one column wide, the whole map high.
    let green: Vec<(u32, u32)> = image
        .enumerate_pixels()
        .filter(|(_, _, p)| p.0 == [60, 170, 90])
        .map(|(x, y, _)| (x, y))
        .collect();
    let spread = |along: fn(&(u32, u32)) -> u32| {
        let values = green.iter().map(along);
        values.clone().max().unwrap_or(0) - values.min().unwrap_or(0)
    };
    let (wide, high) = (spread(|p| p.0), spread(|p| p.1));
    assert!(
        green.len() > 1000 && high > 3 * wide,
        "{} green pixels, {wide} wide and {high} high",
        green.len()
    );
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_table_scene_draws_the_row_and_after_an_epoch_the_confusion_matrix() {
    let dir = tempfile::tempdir().unwrap();
    // An epoch is 150 rows of 100 ms: 15 s at 1×.
    let image = screenshot_after(
        &["--scene", "scenes/table_iris.ron"],
        &dir.path().join("table.png"),
        17,
    );
    let count = |keep: &dyn Fn([u8; 3]) -> bool| image.pixels().filter(|p| keep(p.0)).count();
    // The shown row's features, in the blue feature_bars draws them.
    let bars = count(&|p| p == [120, 170, 255]);
    assert!(bars > 500, "no feature bars drawn ({bars} blue pixels)");
    // The confusion matrix's diagonal after the first epoch: green cells, (20, g, 40).
    let diagonal = count(&|p| p[0] == 20 && p[2] == 40 && p[1] > 150);
    assert!(
        diagonal > 500,
        "no confusion matrix drawn ({diagonal} green pixels)"
    );
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_stdp_scene_draws_the_receptive_fields_and_the_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot_after(
        &["--scene", "scenes/mnist_stdp.ron"],
        &dir.path().join("stdp.png"),
        6,
    );
    // The fields (a 520-point square texture) and the thresholds are painted on the heat
    // scale: black, then pure reds (g = b = 0), then oranges and yellows (r = 255, b = 0).
    let heat = image
        .pixels()
        .filter(|p| {
            let [r, g, b] = p.0;
            b < 8 && ((r > 60 && g < 8) || (r > 247 && g > 8 && g < 247))
        })
        .count();
    assert!(
        heat > 60_000,
        "no receptive fields drawn ({heat} heat-coloured pixels)"
    );
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_circuit_scene_draws_both_twins_after_learning() {
    let dir = tempfile::tempdir().unwrap();
    // An epoch is 13 steps of 1 ms: the 100 learning epochs are over in under 2 s at 1×.
    let image = screenshot(
        &["--scene", "scenes/circuit_iris.ron"],
        &dir.path().join("circuit.png"),
    );
    let count = |keep: &dyn Fn([u8; 3]) -> bool| image.pixels().filter(|p| keep(p.0)).count();
    // The two twins' backgrounds, in twins::draw's grey.
    let background = count(&|p| p == [18, 18, 18]);
    assert!(
        background > 40_000,
        "no twins drawn ({background} background pixels)"
    );
    // Edges near the top of the conductance range (yellow) and near the bottom (dark blue).
    let yellow = count(&|p| p[0] > 200 && p[1] > 170 && p[2] < 70);
    let blue = count(&|p| p[0] < 70 && p[1] < 80 && p[2] > 90 && p[2] < 130);
    assert!(
        yellow > 50 && blue > 50,
        "no edges coloured by conductance ({yellow} yellow, {blue} blue)"
    );
    // Nodes above and below ground: red and blue discs.
    let red = count(&|p| p[0] == 255 && p[1] < 200 && p[1] == p[2]);
    assert!(red > 20, "no node above ground drawn ({red} red pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_regression_scene_draws_the_twins_and_the_test_rows_against_the_truth() {
    let dir = tempfile::tempdir().unwrap();
    // An epoch is 13 steps of 1 ms: 100 epochs are over in under 2 s at 1×.
    let image = screenshot(
        &["--scene", "scenes/circuit_regression.ron"],
        &dir.path().join("regression.png"),
    );
    let count = |keep: &dyn Fn([u8; 3]) -> bool| image.pixels().filter(|p| keep(p.0)).count();
    let background = count(&|p| p == [18, 18, 18]);
    assert!(
        background > 40_000,
        "no twins drawn ({background} background pixels)"
    );
    // The test rows' points, in the regression view's orange.
    let points = count(&|p| p == [250, 150, 40]);
    assert!(
        points > 200,
        "no test rows plotted ({points} orange pixels)"
    );
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_cartpole_scene_draws_the_cart_and_the_pole() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/cartpole_random.ron"],
        &dir.path().join("cartpole.png"),
    );
    let count = |keep: &dyn Fn([u8; 3]) -> bool| image.pixels().filter(|p| keep(p.0)).count();
    // The cart, in the view's grey-blue, and the pole, in its orange.
    let cart = count(&|p| p == [150, 160, 175]);
    let pole = count(&|p| p == [235, 150, 50]);
    assert!(cart > 300, "no cart drawn ({cart} pixels)");
    assert!(pole > 100, "no pole drawn ({pole} pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_planner_scene_draws_the_imagined_poles() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/cartpole_planner.ron"],
        &dir.path().join("planner.png"),
    );
    // The imagined poles, in the view's blues over the dark background, within the drawing (below
    // the top bar and its blue speed button, left of the learning panel): 0 without a planner,
    // 690 balanced and 3,713 falling in the screenshots looked at.
    let ghosts = image
        .enumerate_pixels()
        .filter(|(x, y, p)| {
            let [r, g, b] = p.0;
            *x < 780
                && (30..290).contains(y)
                && b > 110
                && i32::from(b) > i32::from(r) + 40
                && g > 80
        })
        .count();
    // Without a planner there are none: the cart and the pole are other colours.
    assert!(ghosts > 200, "no imagined poles drawn ({ghosts} pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_spiking_cartpole_scene_draws_the_last_push_and_the_place_cells() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/cartpole_spiking.ron"],
        &dir.path().join("spiking.png"),
    );
    let count = |keep: &dyn Fn(u32, u32, [u8; 3]) -> bool| {
        image
            .enumerate_pixels()
            .filter(|(x, y, p)| keep(*x, *y, p.0))
            .count()
    };
    // The arrow of the brain's last push beside the cart (drawn only once a push was made).
    let arrow = count(&|_, _, p| p == [240, 200, 80]);
    assert!(arrow > 30, "no push arrow drawn ({arrow} pixels)");
    // The place cells' spikes in the raster below the cart (the region's blue): one box's two
    // cells at a time, so a line that steps as the state moves between boxes.
    let place = count(&|_, y, [r, g, b]| {
        (340..560).contains(&y) && b > 180 && i32::from(b) > i32::from(r) + 60 && g > 120
    });
    assert!(place > 100, "no place-cell spikes drawn ({place} pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn a_traced_compartmental_neuron_gets_the_potential_along_it_plotted() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/dendrites.ron", "--trace", "distal:3"],
        &dir.path().join("dendrites.png"),
    );
    // Under the membrane trace (left panel): the profile's line in light grey and the soma's
    // dot in the trace's yellow (110 and 30 pixels in the screenshot looked at).
    let count = |colour: [u8; 3]| {
        image
            .enumerate_pixels()
            .filter(|(x, y, p)| *x < 310 && (380..560).contains(y) && p.0 == colour)
            .count()
    };
    let (line, soma) = (count([200, 200, 200]), count([240, 220, 100]));
    assert!(
        line > 40 && soma > 10,
        "no profile along the neuron: {line} line pixels, {soma} soma pixels"
    );
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_neuromodulator_scene_draws_its_panel_and_serotonin_quiets_the_calm_region() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot(
        &["--scene", "scenes/neuromodulators.ron"],
        &dir.path().join("modulators.png"),
    );
    // The side panel lists the modulators between the regions and the weights (light text in
    // rows 290–370 of the left panel); the raster's `calm` row (serotonin's Noise ×0.1) is
    // nearly empty beside `restless` (the same input without it): rows 370–410 and 420–465
    // right of the labels (0 and about 3,400 bright pixels in the screenshot looked at).
    let light = |x0: u32, x1: u32, y0: u32, y1: u32| {
        image
            .enumerate_pixels()
            .filter(|(x, y, p)| {
                (x0..x1).contains(x) && (y0..y1).contains(y) && p.0.iter().all(|&c| c > 120)
            })
            .count()
    };
    let panel = light(0, 290, 290, 370);
    assert!(
        panel > 300,
        "no modulator lines in the side panel ({panel} light pixels)"
    );
    let spikes = |rows: std::ops::Range<u32>| {
        image
            .enumerate_pixels()
            .filter(|(x, y, p)| {
                *x > 420 && rows.contains(y) && p.0.iter().map(|&c| u32::from(c)).sum::<u32>() > 300
            })
            .count()
    };
    let (calm, restless) = (spikes(370..410), spikes(420..465));
    assert!(
        restless > 10 * calm.max(1),
        "calm row {calm} spike pixels, restless row {restless}"
    );
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_pavlov_scene_plots_the_response_to_the_tone_per_trial() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot_after(
        &["--scene", "scenes/pavlov.ron"],
        &dir.path().join("pavlov.png"),
        8,
    );
    // The acquisition trials' points (orange) in the task's panel above the raster: one point a
    // trial, 8 or so trials in (101 pixels in the screenshot looked at, 10 s in).
    let points = image
        .enumerate_pixels()
        .filter(|(x, y, p)| {
            (280..900).contains(x) && (110..340).contains(y) && p.0 == [240, 150, 60]
        })
        .count();
    assert!(points > 40, "no response points drawn ({points} pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_growth_scene_marks_births_in_the_raster_and_plots_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot_after(
        &["--scene", "scenes/growth.ron"],
        &dir.path().join("growth.png"),
        6,
    );
    // Births are green rings in the raster (2 every 200 ms while the cortex is active).
    let born = image.pixels().filter(|p| p.0 == [80, 230, 110]).count();
    assert!(born > 30, "no births marked ({born} pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_rhythm_scene_draws_the_spectrum_the_spectrogram_and_the_coupling() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot_after(
        &["--scene", "scenes/rhythm_theta_gamma.ron"],
        &dir.path().join("rhythms.png"),
        7,
    );
    // The spectrum's line, and the spectrogram's loudest bins (yellow).
    let line = image.pixels().filter(|p| p.0 == [250, 200, 90]).count();
    let loud = image
        .pixels()
        .filter(|p| p.0[0] > 240 && p.0[1] > 200 && p.0[2] > 90 && p.0[2] < 140)
        .count();
    assert!(line > 100, "no spectrum drawn ({line} pixels)");
    assert!(loud > 50, "no spectrogram drawn ({loud} pixels)");
}

#[test]
#[ignore = "needs a display: .ci/run runs it under Xvfb with software Vulkan"]
fn the_memory_scene_marks_sleep_on_its_timeline_and_shows_what_each_cue_recalled() {
    let dir = tempfile::tempdir().unwrap();
    let image = screenshot_after(
        &["--scene", "scenes/memory.ron"],
        &dir.path().join("memory.png"),
        20,
    );
    let sleep = image.pixels().filter(|p| p.0 == [150, 90, 200]).count();
    let recalled = image.pixels().filter(|p| p.0 == [90, 220, 120]).count();
    assert!(
        sleep > 500,
        "no sleep phase on the timeline ({sleep} pixels)"
    );
    assert!(
        recalled > 20,
        "no recalled neurons shown ({recalled} pixels)"
    );
}
