//! COBA benchmark (Vogels–Abbott, 4,000 neurons, 2% connectivity, dt 0.1 ms): wall time,
//! real-time factor and synaptic events per second of `scenes/coba.ron`, run headless through
//! the same app as `--no-render`; then the same network in Brian2 (C++ standalone, one
//! thread) in the same run, and the ratio.
//!
//! ```sh
//! cargo bench --no-default-features --bench coba            # 10 s simulated
//! NEURARIUM_BENCH_SECONDS=2 cargo bench --no-default-features --bench coba
//! ```
//! Brian2 is run when `python3 -c "import brian2"` works (`pip install brian2 "numpy<2.4"`).

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use std::path::Path;
use std::process::Command;

fn main() {
    let seconds: f64 = std::env::var("NEURARIUM_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0);
    let mut app = common::load("coba.ron", |_| {});
    let dt_ms = app
        .world()
        .resource::<neurarium_sim::prelude::SimClock>()
        .dt_ms;
    let m = common::run(&mut app, (seconds * 1000.0 / dt_ms).round() as u64);
    let rate = m.rate_hz();
    println!(
        "COBA, {} neurons, {} synapses, {seconds} s simulated (dt {dt_ms} ms)",
        m.neurons, m.synapses
    );
    println!(
        "neurarium: {:.3} s wall ({:.0} steps/s), real-time factor {:.2}, {:.3e} synaptic events/s, mean rate {rate:.2} Hz",
        m.wall_seconds,
        m.steps_per_second(),
        seconds / m.wall_seconds,
        m.events / m.wall_seconds
    );
    match brian2(seconds) {
        Ok((brian_wall, brian_rate, brian_synapses)) => {
            println!(
                "brian2 (C++ standalone, 1 thread): {brian_wall:.3} s run time, mean rate {brian_rate:.2} Hz, {brian_synapses} synapses"
            );
            println!(
                "ratio: neurarium is {:.2}x faster than Brian2; mean rates differ by {:.1}%",
                brian_wall / m.wall_seconds,
                100.0 * (rate - brian_rate).abs() / brian_rate
            );
        }
        Err(why) => println!("brian2: not run ({why})"),
    }
}

/// Runs the Brian2 peer: `(run seconds, mean rate Hz, synapses)`.
fn brian2(seconds: f64) -> Result<(f64, f64, u64), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/coba_brian2.py");
    let build = std::env::temp_dir().join("neurarium-coba-brian2");
    let output = Command::new("python3")
        .arg(&script)
        .arg(seconds.to_string())
        .arg(&build)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().last().unwrap_or("failed").to_owned());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().ok_or("no output")?;
    let json: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let field = |name: &str| json[name].as_f64().ok_or(format!("no {name} in {line}"));
    Ok((
        field("run_seconds")?,
        field("rate_hz")?,
        field("synapses")? as u64,
    ))
}
