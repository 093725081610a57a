//! A sweep's plots, as PNG files beside its results:
//!
//! - `learning_curves.png`: per configuration, the task's score per training unit (the car:
//!   the return of each episode), the median over seeds as a line and the band between the
//!   first and third quartiles;
//! - `outcomes.png`: per configuration and arm, the success rate of every seed as a dot and the
//!   median as a bar.
//!
//! Text is drawn with a bundled font (egui's Ubuntu Light) through `ab_glyph`, so the plots
//! need no system font library.

use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::prelude::*;

use crate::headless::METRICS_FILE;
use crate::sweep::execute::is_done;
use crate::sweep::plan::{Arm, Run};
use crate::sweep::spec::Sweep;
use crate::sweep::summary::{Spread, SummaryLine, settings_text};

/// Plot size, pixels.
const SIZE: (u32, u32) = (1000, 600);

/// Line colours, one per configuration (then repeating).
const COLOURS: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

fn register_font() {
    static FONT: Once = Once::new();
    FONT.call_once(|| {
        // The font is compiled in and valid; a failure would only lose the text.
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            epaint_default_fonts::UBUNTU_LIGHT,
        );
    });
}

/// The column `name` of a run's training metrics, one value per row.
fn training_column(run: &Run, name: &str) -> Option<Vec<f64>> {
    let path = run.dir.join("train").join(METRICS_FILE);
    let mut reader = csv::Reader::from_path(path).ok()?;
    let index = reader.headers().ok()?.iter().position(|h| h == name)?;
    reader
        .records()
        .map(|row| row.ok()?.get(index)?.parse().ok())
        .collect()
}

/// Writes the sweep's plots; returns their paths. `score` is the task's score column (the
/// learning curves need it; without one only the outcomes are plotted).
pub fn write_plots(
    sweep: &Sweep,
    runs: &[Run],
    lines: &[SummaryLine],
    score: Option<&str>,
) -> Result<Vec<PathBuf>, String> {
    register_font();
    let mut written = Vec::new();
    if let Some(score) = score {
        let path = sweep.out.join("learning_curves.png");
        learning_curves(&path, sweep, runs, score)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    let path = sweep.out.join("outcomes.png");
    outcomes(&path, sweep, lines).map_err(|e| format!("{}: {e}", path.display()))?;
    written.push(path);
    Ok(written)
}

type PlotResult = Result<(), Box<dyn std::error::Error>>;

fn learning_curves(path: &Path, sweep: &Sweep, runs: &[Run], score: &str) -> PlotResult {
    // Per configuration: per unit, the quartiles of the score over the seeds that reached it.
    let mut curves: Vec<(String, Vec<Spread>)> = Vec::new();
    for configuration in &sweep.configurations {
        let series: Vec<Vec<f64>> = runs
            .iter()
            .filter(|r| r.configuration == configuration.id && r.arm == Arm::Trained && is_done(r))
            .filter_map(|r| training_column(r, score))
            .collect();
        let units = series.iter().map(Vec::len).max().unwrap_or(0);
        let spreads: Vec<Spread> = (0..units)
            .filter_map(|i| {
                Spread::of(
                    &series
                        .iter()
                        .filter_map(|s| s.get(i).copied())
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        curves.push((
            format!(
                "c{}: {}",
                configuration.id,
                settings_text(sweep, configuration.id)
            ),
            spreads,
        ));
    }
    let units = curves
        .iter()
        .map(|(_, s)| s.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let (low, high) = curves
        .iter()
        .flat_map(|(_, s)| s.iter())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
            (lo.min(s.q1), hi.max(s.q3))
        });
    let (low, high) = if low.is_finite() {
        (low, high.max(low + 1e-9))
    } else {
        (0.0, 1.0)
    };
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "{}: {score} per {} (median and quartiles over seeds)",
                sweep.name,
                sweep.unit.singular()
            ),
            ("sans-serif", 22),
        )
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0..units, low..high)?;
    chart
        .configure_mesh()
        .x_desc(sweep.unit.singular())
        .y_desc(score)
        .label_style(("sans-serif", 15))
        .draw()?;
    for (index, (label, spreads)) in curves.iter().enumerate() {
        let colour = COLOURS[index % COLOURS.len()];
        let band: Vec<(usize, f64)> = spreads
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.q3))
            .chain(spreads.iter().enumerate().rev().map(|(i, s)| (i, s.q1)))
            .collect();
        chart.draw_series(std::iter::once(Polygon::new(
            band,
            colour.mix(0.2).filled(),
        )))?;
        chart
            .draw_series(LineSeries::new(
                spreads.iter().enumerate().map(|(i, s)| (i, s.median)),
                colour.stroke_width(2),
            ))?
            .label(label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .label_font(("sans-serif", 15))
        .draw()?;
    root.present()?;
    Ok(())
}

fn outcomes(path: &Path, sweep: &Sweep, lines: &[SummaryLine]) -> PlotResult {
    let arms: Vec<String> = std::iter::once("trained".to_owned())
        .chain(sweep.controls.iter().cloned())
        .collect();
    let slots = sweep.configurations.len() * arms.len();
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "{}: {} per seed (dots) and median (bar)",
                sweep.name,
                crate::sweep::summary::outcome_name(sweep)
            ),
            ("sans-serif", 22),
        )
        .margin(12)
        .x_label_area_size(60)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.5..slots as f64 - 0.5, 0.0..100.0)?;
    let label_of = |x: &f64| {
        let slot = x.round();
        if (x - slot).abs() > 1e-6 || slot < 0.0 || slot as usize >= slots {
            return String::new();
        }
        let slot = slot as usize;
        format!("c{} {}", slot / arms.len(), arms[slot % arms.len()])
    };
    chart
        .configure_mesh()
        .x_labels(slots)
        .x_label_formatter(&label_of)
        .y_desc("%")
        .label_style(("sans-serif", 14))
        .draw()?;
    for configuration in &sweep.configurations {
        for (a, arm) in arms.iter().enumerate() {
            let slot = configuration.id * arms.len() + a;
            let colour = COLOURS[a % COLOURS.len()];
            let rates: Vec<f64> = lines
                .iter()
                .filter(|l| l.configuration == configuration.id && l.arm == *arm)
                .flat_map(|l| l.rates.iter().map(|rate| 100.0 * rate))
                .collect();
            if let Some(spread) = Spread::of(&rates) {
                let x = slot as f64;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.3, 0.0), (x + 0.3, spread.median)],
                    colour.mix(0.35).filled(),
                )))?;
            }
            // Dots spread a little sideways so equal rates stay visible.
            let n = rates.len().max(1) as f64;
            chart.draw_series(rates.iter().enumerate().map(|(i, &rate)| {
                let x = slot as f64 - 0.2 + 0.4 * (i as f64 + 0.5) / n;
                Circle::new((x, rate), 4, colour.filled())
            }))?;
        }
    }
    root.present()?;
    Ok(())
}
