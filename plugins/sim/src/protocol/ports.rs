//! Ports: how a task talks to a brain of any kind.
//!
//! A task never reads a network's internals. A brain offers named **input ports** (what a
//! spiking network calls an encoder region: values in, spikes out) and **output ports** (a
//! readout: spike counts, a winning motor pool, potentials), each a component on one of the
//! brain's entities:
//!
//! - [`InputPort`]: the task writes `values` in `SimSet::Sense`; the brain reads them later in
//!   the step.
//! - [`OutputPort`]: the brain writes `values` (and, for a choice among pools, `choice`) in
//!   `ActSet::Decode`; `ready` is true in the steps where they were renewed; the task reads
//!   them in `ActSet::Control`.
//!
//! Before anything is spawned, each network kind declares its ports from its scene section
//! ([`PortDecl`]); a task checks the ports it names against them ([`BrainPorts`]), so a scene
//! whose car names a region that is no encoder is refused at load with the field named.
//!
//! Rewards go the other way through [`crate::protocol::rewards`].

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::param::InvalidParam;

/// Which way a port carries values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortDirection {
    /// Task → brain.
    Input,
    /// Brain → task.
    Output,
    /// Labelled examples in, answers out ([`ExamplePort`](crate::protocol::examples::ExamplePort)).
    Examples,
}

/// A port a brain will offer, as declared from its scene section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortDecl {
    /// Unique among the ports of its direction (a spiking network uses the region's name).
    pub name: String,
    /// Input or output.
    pub direction: PortDirection,
    /// Number of values.
    pub width: usize,
    /// For an output that picks one of `n` pools (winner-take-all): `Some(n)`.
    pub choices: Option<u32>,
    /// For an examples port: the values the brain answers per example (0 otherwise).
    pub answers: usize,
    /// What it is, for messages ("Encoder region", "WinnerTakeAll readout").
    pub what: String,
}

/// Every port the scene's brains declare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrainPorts {
    /// The declarations, in scene order.
    pub ports: Vec<PortDecl>,
}

impl BrainPorts {
    /// The input port `name`, or a message listing the input ports there are.
    pub fn input(&self, name: &str) -> Result<&PortDecl, String> {
        self.find(name, PortDirection::Input)
    }

    /// The output port `name`, or a message listing the output ports there are.
    pub fn output(&self, name: &str) -> Result<&PortDecl, String> {
        self.find(name, PortDirection::Output)
    }

    /// The examples port `name`, or a message listing the examples ports there are.
    pub fn examples(&self, name: &str) -> Result<&PortDecl, String> {
        self.find(name, PortDirection::Examples)
    }

    fn find(&self, name: &str, direction: PortDirection) -> Result<&PortDecl, String> {
        let of_direction = || self.ports.iter().filter(|p| p.direction == direction);
        of_direction().find(|p| p.name == name).ok_or_else(|| {
            let (kind, hint) = match direction {
                PortDirection::Input => ("input", "a spiking network's are its Encoder regions"),
                PortDirection::Output => (
                    "output",
                    "a spiking network's are its regions with a readout",
                ),
                PortDirection::Examples => (
                    "examples",
                    "an energy network's is named by its `port`; a spiking network has none",
                ),
            };
            let names: Vec<String> = of_direction().map(|p| format!("'{}'", p.name)).collect();
            let list = if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            };
            format!(
                "there is no {kind} port named '{name}' (the brains' {kind} ports: {list}; {hint})"
            )
        })
    }
}

/// Values a task gives a brain, on one of the brain's entities.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputPort {
    /// The port's name.
    pub name: String,
    /// The values, written by the task in `Sense`.
    pub values: Vec<f32>,
}

impl InputPort {
    /// Replaces the values; there must be as many as the port takes.
    pub fn set(&mut self, values: &[f32]) -> Result<(), WrongWidth> {
        if values.len() != self.values.len() {
            return Err(WrongWidth {
                port: self.name.clone(),
                expected: self.values.len(),
                got: values.len(),
            });
        }
        self.values.copy_from_slice(values);
        Ok(())
    }
}

impl InputPort {
    /// The values cut into `groups` equal groups of `len / groups` (place cells of a grid's
    /// cells, of a state's boxes): 1 in group `group`, 0 elsewhere.
    pub fn set_one_hot(&mut self, group: usize, groups: usize) {
        let per_group = self.values.len() / groups.max(1);
        let ones = group * per_group..(group + 1) * per_group;
        for (i, value) in self.values.iter_mut().enumerate() {
            *value = if ones.contains(&i) { 1.0 } else { 0.0 };
        }
    }
}

/// Values of the wrong number for a port.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("input port '{port}' takes {expected} values, got {got}")]
pub struct WrongWidth {
    /// The port.
    pub port: String,
    /// Values it takes.
    pub expected: usize,
    /// Values given.
    pub got: usize,
}

/// Values a brain gives a task, on one of the brain's entities.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputPort {
    /// The port's name.
    pub name: String,
    /// The decoded values.
    pub values: Vec<f32>,
    /// The chosen pool of the last decision, for ports that choose (none: nothing was chosen).
    pub choice: Option<u32>,
    /// Whether `values` were renewed this step.
    pub ready: bool,
}

impl OutputPort {
    /// An output port of `width` zeros.
    pub fn new(name: &str, width: usize) -> Self {
        Self {
            name: name.to_owned(),
            values: vec![0.0; width],
            choice: None,
            ready: false,
        }
    }
}

/// A port component: it has a name.
pub trait Port: Component {
    /// The port's name.
    fn name(&self) -> &str;
}

impl Port for InputPort {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Port for OutputPort {
    fn name(&self) -> &str {
        &self.name
    }
}

/// The entity holding the port `P` called `name`, if a brain spawned one.
fn find<P: Port>(world: &mut World, name: &str) -> Option<Entity> {
    let mut ports = world.query::<(Entity, &P)>();
    ports
        .iter(world)
        .find(|(_, port)| port.name() == name)
        .map(|(entity, _)| entity)
}

/// The entity holding the input port `name`, if a brain spawned one.
pub fn find_input(world: &mut World, name: &str) -> Option<Entity> {
    find::<InputPort>(world, name)
}

/// The entity holding the output port `name`, if a brain spawned one.
pub fn find_output(world: &mut World, name: &str) -> Option<Entity> {
    find::<OutputPort>(world, name)
}

/// The error of a task whose `field` names a port `name` no spawned brain offers.
fn no_port(field: &str, name: &str) -> InvalidParam {
    InvalidParam::new(field, format!("no brain offers a port named '{name}'"))
}

/// The entity holding the input port `name`, or an error naming the task's `field`.
pub fn require_input(world: &mut World, field: &str, name: &str) -> Result<Entity, InvalidParam> {
    find_input(world, name).ok_or_else(|| no_port(field, name))
}

/// The entity holding the output port `name`, or an error naming the task's `field`.
pub fn require_output(world: &mut World, field: &str, name: &str) -> Result<Entity, InvalidParam> {
    find_output(world, name).ok_or_else(|| no_port(field, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hot_sets_exactly_the_group_and_clears_the_rest() {
        let mut port = InputPort {
            name: "place".to_owned(),
            values: vec![0.5; 12],
        };
        port.set_one_hot(2, 4);
        assert_eq!(
            port.values,
            [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
        );
        port.set_one_hot(0, 12);
        assert_eq!(port.values.iter().sum::<f32>(), 1.0);
        assert_eq!(port.values[0], 1.0);
    }
}
