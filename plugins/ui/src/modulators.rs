//! Which modulator acts where: under the region list, each modulator that a region releases or
//! that acts somewhere, with its level now, the regions releasing it and every effect it has
//! ("acetylcholine 0.90 from forebrain: Gain ×1.90 on input to attended").

use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_spiking::plasticity::modulators::{Modulated, Modulator, ModulatorLevels, Releases};
use neurarium_spiking::prelude::Region;
use neurarium_spiking::synapses::projection::ProjectionLink;

/// What the panel reads.
pub type ModulatorView<'w, 's> = (
    Res<'w, ModulatorLevels>,
    Res<'w, neurarium_spiking::plasticity::dopamine::Dopamine>,
    Query<'w, 's, (&'static Region, &'static Releases)>,
    Query<
        'w,
        's,
        (
            &'static Modulated,
            Option<&'static ProjectionLink>,
            Option<&'static Region>,
        ),
    >,
);

/// Draws a line per modulator in use.
pub fn show(ui: &mut egui::Ui, view: &ModulatorView) {
    let (levels, dopamine, releases, modulated) = view;
    if releases.is_empty() && modulated.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong("Neuromodulators");
    for modulator in [
        Modulator::Dopamine,
        Modulator::Serotonin,
        Modulator::Acetylcholine,
    ] {
        let from: Vec<&str> = releases
            .iter()
            .filter(|(_, r)| r.0.modulator == modulator)
            .map(|(region, _)| region.name.as_str())
            .collect();
        let mut effects = Vec::new();
        for (m, link, region) in modulated {
            let target = link
                .map(|l| l.name.replace('→', " to "))
                .or_else(|| region.map(|r| r.name.clone()))
                .unwrap_or_default();
            for entry in m.entries.iter().filter(|e| e.by == modulator) {
                effects.push(format!(
                    "{:?} ×{:.2} on {target}",
                    entry.effect,
                    m.factor(entry.effect)
                ));
            }
        }
        if from.is_empty() && effects.is_empty() {
            continue;
        }
        let source = if from.is_empty() {
            String::new()
        } else {
            format!(" from {}", from.join(", "))
        };
        let acts = if effects.is_empty() {
            "acts nowhere".to_owned()
        } else {
            effects.join("; ")
        };
        ui.label(format!(
            "{} {:.2}{source}: {acts}",
            format!("{modulator:?}").to_lowercase(),
            levels.level(modulator, dopamine)
        ));
    }
}
