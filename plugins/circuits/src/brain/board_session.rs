//! A resistor network whose physics runs on a board: one learning step as the line protocol's
//! `IN`, `READ`, `CLAMP` and `TICK` ([`crate::board::protocol`]), over the link's thread
//! ([`BoardLink`]).

use crate::board::link::{BoardLink, BoardSettings, BoardShape, LinkError, LinkEvent};
use crate::board::protocol::{Command, Reply};
use crate::coupled::{CoupledNetwork, Rule};

/// The link to the board and the count of its ticks.
pub struct BoardSession {
    /// The link.
    pub link: BoardLink,
    /// The last clock tick's number.
    pub tick: u32,
    /// What happened on the link lately, newest last (for the window).
    pub log: Vec<String>,
}

/// Volts to the protocol's millivolts.
fn millivolts(volts: &[f64]) -> Vec<i32> {
    #[allow(clippy::cast_possible_truncation)]
    volts.iter().map(|v| (v * 1000.0).round() as i32).collect()
}

fn unexpected(link: &BoardLink, asked: &str, reply: &Reply) -> LinkError {
    LinkError::Refused {
        port: link.port().to_owned(),
        message: format!("{asked} answered by `{}`", reply.body()),
    }
}

impl BoardSession {
    /// Opens the link to a board that must be `net`'s shape, holding `net`'s steps.
    pub fn open(settings: BoardSettings, net: &CoupledNetwork) -> Self {
        let steps = match net.learning.rule {
            Rule::Discrete { potentiometer, .. } => potentiometer.steps,
            Rule::Continuous { .. } => 0,
        };
        let shape = BoardShape {
            edges: net.steps.len() as u32,
            steps,
            inputs: net.terminals.inputs.len() as u32,
            outputs: net.terminals.outputs.len() as u32,
        };
        Self {
            link: BoardLink::open(settings, shape, net.steps.clone()),
            tick: 0,
            log: Vec::new(),
        }
    }

    /// The board's free outputs (V) for `inputs` (V).
    pub fn outputs(&mut self, inputs: &[f64]) -> Result<Vec<f64>, LinkError> {
        self.link.call(Command::Inputs(millivolts(inputs)))?;
        match self.link.call(Command::Read)? {
            Reply::Read(mv) => Ok(mv.iter().map(|&v| f64::from(v) / 1000.0).collect()),
            other => Err(unexpected(&self.link, "READ", &other)),
        }
    }

    /// The second half of a learning step: the clamped outputs (V), then a clock tick in which
    /// each edge takes part with `probability`; `net`'s steps and conductances follow the board.
    pub fn clamp_and_tick(
        &mut self,
        clamped: &[f64],
        probability: f64,
        net: &mut CoupledNetwork,
    ) -> Result<(), LinkError> {
        self.link.call(Command::Clamp(millivolts(clamped)))?;
        self.tick = self.tick.wrapping_add(1);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let permille = (probability.clamp(0.0, 1.0) * 1000.0).round() as u32;
        let tick = Command::Tick {
            seq: self.tick,
            permille,
        };
        match self.link.call(tick)? {
            Reply::Tick { inc, dec, .. } => {
                net.moves += (inc.len() + dec.len()) as u64;
                self.follow(net);
                Ok(())
            }
            other => Err(unexpected(&self.link, "TICK", &other)),
        }
    }

    /// `net`'s steps and conductances as the link knows the board's.
    pub fn follow(&self, net: &mut CoupledNetwork) {
        let Rule::Discrete { potentiometer, .. } = net.learning.rule else {
            return;
        };
        for (e, step) in self.link.steps().into_iter().enumerate() {
            if let Some(s) = net.steps.get_mut(e) {
                *s = step;
                net.conductance[e] = potentiometer.conductance(step);
            }
        }
    }

    /// The link's events since the last call, as log lines (kept for the window, the last 50).
    pub fn drain_events(&mut self) -> Vec<(bool, String)> {
        let port = self.link.port().to_owned();
        let lines: Vec<(bool, String)> = self
            .link
            .events
            .try_iter()
            .map(|event| match event {
                LinkEvent::Connected(_) => (false, format!("board on {port}: connected")),
                LinkEvent::Lost(why) => (true, format!("board on {port}: lost: {why}")),
                LinkEvent::Trouble(why) => (true, format!("board on {port}: {why}")),
                LinkEvent::Reset => (true, format!("board on {port}: the board restarted")),
                LinkEvent::WroteBack(n) => (
                    false,
                    format!("board on {port}: {n} learnt steps written back"),
                ),
            })
            .collect();
        self.log.extend(lines.iter().map(|(_, l)| l.clone()));
        let excess = self.log.len().saturating_sub(50);
        self.log.drain(..excess);
        lines
    }
}
