//! The `Circuit` network kind: its section checked, its port declared, its entity spawned.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::Rng;

use crate::brain::board_session::BoardSession;
use crate::brain::network::CircuitBrain;
use crate::brain::spec::{Backend, CircuitNetSpec};
use crate::brain::systems;
use crate::classify::{Wiring, classifier_network};
use crate::coupled::Rule;

/// Resistor networks that learn by coupled learning.
pub struct CircuitNetwork;

/// Checks the learning settings: the field's path below the section.
fn check_learning(spec: &CircuitNetSpec) -> Result<(), InvalidParam> {
    let l = &spec.learning;
    InvalidParam::check(l.nudge > 0.0 && l.nudge <= 1.0, "learning.nudge", || {
        format!("must be in (0, 1], got {}", l.nudge)
    })?;
    InvalidParam::check(
        l.update_probability > 0.0 && l.update_probability <= 1.0,
        "learning.update_probability",
        || format!("must be in (0, 1], got {}", l.update_probability),
    )?;
    match l.rule {
        Rule::Continuous {
            rate,
            min_siemens,
            max_siemens,
        } => {
            InvalidParam::finite("learning.rule.Continuous.rate", rate)?;
            InvalidParam::check(
                min_siemens > 0.0 && max_siemens >= min_siemens && max_siemens.is_finite(),
                "learning.rule.Continuous.min_siemens",
                || {
                    format!(
                        "needs 0 < min_siemens ≤ max_siemens, got {min_siemens} and {max_siemens}"
                    )
                },
            )
        }
        Rule::Discrete {
            potentiometer: p,
            dead_band_v,
        } => {
            InvalidParam::check(
                p.steps >= 2,
                "learning.rule.Discrete.potentiometer.steps",
                || format!("needs at least 2 steps, got {}", p.steps),
            )?;
            InvalidParam::check(
                p.series_ohms > 0.0
                    && p.full_ohms >= 0.0
                    && (p.series_ohms + p.full_ohms).is_finite(),
                "learning.rule.Discrete.potentiometer.series_ohms",
                || "needs series_ohms > 0 and full_ohms ≥ 0".to_owned(),
            )?;
            InvalidParam::check(
                dead_band_v >= 0.0,
                "learning.rule.Discrete.dead_band_v",
                || format!("must be ≥ 0 V, got {dead_band_v}"),
            )
        }
    }
}

impl NetworkKind for CircuitNetwork {
    const NAME: &'static str = "Circuit";
    type Spec = CircuitNetSpec;

    fn validate(spec: &CircuitNetSpec) -> Result<(), InvalidParam> {
        InvalidParam::check(!spec.port.is_empty(), "port", || {
            "must name the examples port".to_owned()
        })?;
        InvalidParam::check(spec.features > 0, "features", || {
            "must be at least 1".to_owned()
        })?;
        InvalidParam::check(spec.answers > 0, "answers", || {
            "must be at least 1".to_owned()
        })?;
        InvalidParam::check(spec.batch > 0, "batch", || "must be at least 1".to_owned())?;
        let s = &spec.shape;
        InvalidParam::check(s.high_v > s.low_v, "shape.high_v", || {
            format!("must be above low_v ({} V), got {} V", s.low_v, s.high_v)
        })?;
        InvalidParam::check(s.margin_v.is_none_or(|m| m > 0.0), "shape.margin_v", || {
            "must be above 0 V".to_owned()
        })?;
        InvalidParam::check(
            s.wiring != (Wiring::Direct { parallel: 0 }),
            "shape.wiring.parallel",
            || "must be at least 1".to_owned(),
        )?;
        InvalidParam::check(spec.volts_per_sd > 0.0, "volts_per_sd", || {
            format!("must be above 0, got {}", spec.volts_per_sd)
        })?;
        for (i, cut) in spec.damage.iter().enumerate() {
            InvalidParam::check(
                (0.0..=1.0).contains(&cut.fraction),
                &format!("damage[{i}].fraction"),
                || format!("must be in [0, 1], got {}", cut.fraction),
            )?;
        }
        if let Backend::Board(board) = &spec.backend {
            InvalidParam::check(
                matches!(spec.learning.rule, Rule::Discrete { .. }),
                "backend.Board",
                || {
                    "a board learns by the discrete rule: set learning.rule to Discrete(…)"
                        .to_owned()
                },
            )?;
            InvalidParam::check(!board.port.is_empty(), "backend.Board.port", || {
                "must name the serial port (/dev/ttyACM0)".to_owned()
            })?;
            InvalidParam::check(
                board.baud > 0 && board.timeout_ms > 0,
                "backend.Board.baud",
                || "baud and timeout_ms must be above 0".to_owned(),
            )?;
        }
        check_learning(spec)
    }

    fn ports(spec: &CircuitNetSpec) -> Vec<PortDecl> {
        vec![PortDecl {
            name: spec.port.clone(),
            direction: PortDirection::Examples,
            width: spec.features,
            choices: None,
            answers: spec.answers,
            what: "Resistor network examples".to_owned(),
        }]
    }

    fn spawn(world: &mut World, spec: &CircuitNetSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let seed: u64 = world.resource_mut::<SimRng>().0.random();
        let net = classifier_network(spec.features, spec.answers, spec.shape, spec.learning, seed)
            .map_err(|e| InvalidParam::new("shape", e.to_string()))?;
        let cut_rng = world.resource_mut::<SimRng>().fork();
        let mut brain = CircuitBrain::new(spec, net, cut_rng);
        if let Backend::Board(settings) = &spec.backend {
            info!(
                "resistor network '{}': on the board at {}",
                spec.port, settings.port
            );
            brain.board = Some(BoardSession::open(settings.clone(), &brain.net));
        }
        for done in brain.apply_damage() {
            info!("{done}");
        }
        brain.set_tick_probability();
        world.spawn((
            SceneEntity,
            Name::new(format!("resistor network '{}'", spec.port)),
            ExamplePort::new(&spec.port, spec.features, spec.answers, spec.batch),
            brain,
        ));
        systems::schedule(world);
        Ok(())
    }

    fn freeze(world: &mut World) {
        for mut brain in world.query::<&mut CircuitBrain>().iter_mut(world) {
            brain.learning = false;
        }
    }
}
