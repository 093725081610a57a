//! A trivial network kind, written for the tests to prove the network-kind protocol: a fixed
//! lookup table from an input value to a choice. Everything it is lives in this file;
//! [`LookupPlugin`] is its one registration line.
//!
//! `networks: [Lookup((input: "position", output: "moves", choices: 2, table: [1, 1, 0]))]`
//! offers an input port of one value and an output port choosing one of `choices` pools; each
//! step (in `ActSet::Decode`) the choice becomes `table[clamp(floor(x), 0, len − 1)]`, with
//! the chosen pool's value 1 and the others 0. It does not learn, so learning off changes
//! nothing.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use serde::{Deserialize, Serialize};

/// A lookup table, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LookupSpec {
    /// Name of its input port.
    pub input: String,
    /// Name of its output port.
    pub output: String,
    /// Pools the output chooses among.
    pub choices: u32,
    /// The choice for input `i` at entry `i`.
    pub table: Vec<u32>,
}

impl Default for LookupSpec {
    fn default() -> Self {
        Self {
            input: "input".to_owned(),
            output: "output".to_owned(),
            choices: 2,
            table: vec![0],
        }
    }
}

/// The table of a spawned lookup network.
#[derive(Component, Debug, Clone)]
struct Table(Vec<u32>);

/// The lookup network kind.
pub struct Lookup;

impl NetworkKind for Lookup {
    const NAME: &'static str = "Lookup";
    type Spec = LookupSpec;

    fn validate(spec: &LookupSpec) -> Result<(), InvalidParam> {
        InvalidParam::check(!spec.table.is_empty(), "table", || {
            "must have at least one entry".to_owned()
        })?;
        let bad = spec.table.iter().find(|&&choice| choice >= spec.choices);
        InvalidParam::check(bad.is_none(), "table", || {
            format!(
                "every entry must be a pool below choices ({}), got {}",
                spec.choices,
                bad.copied().unwrap_or_default()
            )
        })
    }

    fn ports(spec: &LookupSpec) -> Vec<PortDecl> {
        vec![
            PortDecl {
                name: spec.input.clone(),
                direction: PortDirection::Input,
                width: 1,
                choices: None,
                answers: 0,
                what: "lookup input".to_owned(),
            },
            PortDecl {
                name: spec.output.clone(),
                direction: PortDirection::Output,
                width: spec.choices as usize,
                choices: Some(spec.choices),
                answers: 0,
                what: "lookup choice".to_owned(),
            },
        ]
    }

    fn spawn(world: &mut World, spec: &LookupSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        world.spawn((
            SceneEntity,
            Table(spec.table.clone()),
            InputPort {
                name: spec.input.clone(),
                values: vec![0.0],
            },
            OutputPort::new(&spec.output, spec.choices as usize),
        ));
        schedule_once(world, "lookup", look_up.in_set(ActSet::Decode));
        Ok(())
    }

    fn freeze(_world: &mut World) {}
}

/// `Act` (`ActSet::Decode`): the table's choice for the input.
fn look_up(mut tables: Query<(&Table, &InputPort, &mut OutputPort)>) {
    for (table, input, mut output) in &mut tables {
        let row = (input.values[0].max(0.0) as usize).min(table.0.len() - 1);
        let choice = table.0[row];
        for (pool, value) in output.values.iter_mut().enumerate() {
            *value = f32::from(u8::from(pool as u32 == choice));
        }
        output.choice = Some(choice);
        output.ready = true;
    }
}

/// The lookup kind's one registration line: `app.add_plugins(LookupPlugin)`.
pub struct LookupPlugin;

impl Plugin for LookupPlugin {
    fn build(&self, app: &mut App) {
        app.register_network::<Lookup>();
    }
}
