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

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::{ProjectionLink, Region, Synapses};

fn main() {
    let seconds: f64 = std::env::var("NEURARIUM_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scene = root.join("scenes/coba.ron");
    let setup = RunSetup::read(&scene, true, None, None).expect("scenes/coba.ron loads");
    let mut app = build_app(Mode::Headless);
    setup.apply(&mut app).expect("scene applies");
    finish_plugins(&mut app);

    let dt_ms = app.world().resource::<SimClock>().dt_ms;
    let steps = (seconds * 1000.0 / dt_ms).round() as u64;
    app.world_mut().resource_mut::<SimControl>().stop_at_step = Some(steps);
    app.insert_resource(Pacing::Unpaced {
        steps_per_update: 10_000,
    });

    let started = Instant::now();
    while app.world().resource::<SimClock>().step < steps {
        app.update();
        if let Some(fault) = &app.world().resource::<SimFault>().0 {
            panic!("{fault}");
        }
    }
    let wall = started.elapsed().as_secs_f64();

    // Spikes per region from the rate columns; synaptic events = spikes × out-degree.
    let world = app.world_mut();
    let regions: Vec<(bevy::prelude::Entity, Region)> = world
        .query::<(bevy::prelude::Entity, &Region)>()
        .iter(world)
        .map(|(e, r)| (e, r.clone()))
        .collect();
    let mut out_synapses = vec![0usize; regions.len()];
    let mut total_synapses = 0;
    for (link, synapses) in world.query::<(&ProjectionLink, &Synapses)>().iter(world) {
        let source = regions
            .iter()
            .position(|(e, _)| *e == link.source)
            .expect("source region");
        out_synapses[source] += synapses.len();
        total_synapses += synapses.len();
    }
    let metrics = world.resource::<Metrics>();
    let time = metrics.column("time_ms").expect("time column");
    let mut spikes_total = 0.0;
    let mut events = 0.0;
    for (i, (_, region)) in regions.iter().enumerate() {
        let rates = metrics
            .column(&format!("rate_hz/{}", region.name))
            .expect("rate column");
        let mut previous = 0.0;
        let mut spikes = 0.0;
        for (rate, t) in rates.iter().zip(&time) {
            spikes += rate * f64::from(region.size) * (t - previous) / 1000.0;
            previous = *t;
        }
        spikes_total += spikes;
        events += spikes * out_synapses[i] as f64 / f64::from(region.size);
    }
    let neurons: u32 = regions.iter().map(|(_, r)| r.size).sum();
    let rate = spikes_total / f64::from(neurons) / seconds;
    println!(
        "COBA, {neurons} neurons, {total_synapses} synapses, {seconds} s simulated (dt {dt_ms} ms)"
    );
    println!(
        "neurarium: {wall:.3} s wall, real-time factor {:.2}, {:.3e} synaptic events/s, mean rate {rate:.2} Hz",
        seconds / wall,
        events / wall
    );

    match brian2(seconds) {
        Ok((brian_wall, brian_rate, brian_synapses)) => {
            println!(
                "brian2 (C++ standalone, 1 thread): {brian_wall:.3} s run time, mean rate {brian_rate:.2} Hz, {brian_synapses} synapses"
            );
            println!(
                "ratio: neurarium is {:.2}x faster than Brian2; mean rates differ by {:.1}%",
                brian_wall / wall,
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
