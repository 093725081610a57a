//! Pinned metrics: a short run of every shipped scene hashes its metrics table (column names
//! and every value's bits) to the value stored below, so no number drifts between commits
//! unnoticed. A change that moves a number on purpose updates the hash here, in its own commit
//! that says why.

use crate::common;

/// Steps each shipped scene runs, and the CRC-32 of its metrics table after them.
const PINNED: [(&str, u64, u32); 29] = [
    ("brunel.ron", 400, 0x6e23819f),
    ("grid_5x5.ron", 20_000, 0x917acae8),
    ("grid_maze.ron", 20_000, 0xf08c63e5),
    ("grid_room.ron", 20_000, 0xd468be38),
    ("grid_5x5_grown.ron", 20_000, 0xb3792b20),
    ("grid_moved_goal.ron", 20_000, 0x92fbf937),
    ("growth.ron", 5_000, 0xeefac22a),
    ("car.ron", 30_000, 0xa7eaed91),
    ("car_layered.ron", 30_000, 0x4cb406ba),
    ("car_world.ron", 1_500, 0x173792fb),
    ("cartpole_qlearning.ron", 5_000, 0x12513e60),
    ("cartpole_random.ron", 2_000, 0x752a7fb6),
    ("cartpole_spiking.ron", 5_000, 0xf2de713a),
    ("dendrites.ron", 5_000, 0x85f78f44),
    ("neuromodulators.ron", 5_000, 0xc015cbd0),
    ("memory.ron", 19_000, 0x043265e6),
    ("pavlov.ron", 5_000, 0x577d5396),
    ("rhythm_alpha.ron", 8_100, 0x4bf7670b),
    ("rhythm_beta.ron", 8_100, 0x5d4a62fc),
    ("rhythm_gamma.ron", 8_100, 0x58d03201),
    ("rhythm_theta_gamma.ron", 8_100, 0xe52171b5),
    ("circuit_iris.ron", 1_443, 0x46c90df5),
    ("circuit_iris_direct.ron", 1_443, 0xb88323dc),
    ("coba.ron", 2_000, 0x53d5ee05),
    ("izhikevich_stdp.ron", 3_000, 0xc6eaf65e),
    ("mnist_stdp.ron", 40, 0x27216e11),
    ("small_network.ron", 20_000, 0x2c5ac2e5),
    ("table_iris.ron", 20_000, 0x87209dcc),
    ("table_iris_grown.ron", 20_000, 0x464069bb),
];

/// Scenes whose numbers come from faer's dense kernels (the energy networks' matrix products,
/// the regression task's least-squares baseline by QR): faer picks
/// its kernels for the CPU at run time (AVX2 or AVX-512), whose sums round in different
/// orders, so the last bits differ between machines. Their values are hashed rounded to 5
/// significant digits.
const PINNED_ROUNDED: [(&str, u64, u32); 4] = [
    ("cartpole_planner.ron", 600, 0xe69d22bc),
    ("circuit_regression.ron", 1_300, 0x17528f3c),
    ("mnist_eqprop.ron", 400, 0x8523febf),
    ("mnist_eqprop_deep.ron", 40, 0x86e908ea),
];

/// CRC-32 of the column names and the bits of every value, row by row; with `rounded`, of
/// every value rounded to 5 significant digits.
fn metrics_hash(app: &bevy::prelude::App, rounded: bool) -> u32 {
    let (columns, rows) = common::metric_bits(app);
    let mut hasher = crc32fast::Hasher::new();
    for column in &columns {
        hasher.update(column.as_bytes());
        hasher.update(b"\0");
    }
    for row in &rows {
        for &bits in row {
            let value = if rounded {
                let v = f64::from_bits(bits);
                format!("{v:.4e}").parse::<f64>().unwrap_or(v).to_bits()
            } else {
                bits
            };
            hasher.update(&value.to_le_bytes());
        }
    }
    hasher.finalize()
}

#[test]
fn every_shipped_scene_gives_its_pinned_metrics() {
    let shipped: Vec<String> = common::shipped_scenes()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let exact = PINNED
        .iter()
        .map(|&(name, steps, hash)| (name, steps, hash, false));
    let rounded = PINNED_ROUNDED
        .iter()
        .map(|&(name, steps, hash)| (name, steps, hash, true));
    let mut all: Vec<_> = exact.chain(rounded).collect();
    all.sort_by_key(|(name, ..)| *name);
    let pinned: Vec<&str> = all.iter().map(|(name, ..)| *name).collect();
    assert_eq!(shipped, pinned, "every shipped scene has a pinned hash");
    let mut drifted = Vec::new();
    for (name, steps, expected, rounded) in all {
        let mut app = common::headless_app(&common::root().join("scenes").join(name), None);
        common::run_steps(&mut app, steps);
        let found = metrics_hash(&app, rounded);
        if found != expected {
            drifted.push(format!("{name}: {found:#010x}, pinned {expected:#010x}"));
        }
    }
    assert!(
        drifted.is_empty(),
        "metrics drifted:\n{}",
        drifted.join("\n")
    );
}
