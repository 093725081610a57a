//! Physical learning in resistor networks (Stern et al. 2021, Dillavou et al. 2022): a network
//! of variable resistors learns by comparing a free state (inputs applied) with a clamped state
//! (outputs nudged toward their targets); each edge changes its own conductance from the two
//! voltage drops it sees, with no processor and no stored gradient.
//!
//! - [`circuit`]: the wiring (nodes, edges), lattices and random graphs, and which nodes are
//!   ground, inputs and outputs, refusing a circuit that cannot be solved;
//! - [`kirchhoff`]: node voltages from Kirchhoff's current law, a sparse Cholesky whose
//!   symbolic analysis is done once per wiring and whose numbers are refactorised per solve;
//! - [`dense`]: the same solve with a dense matrix, for comparison;
//! - [`potentiometer`]: a digital potentiometer's steps and the conductance of each;
//! - [`coupled`]: coupled learning, its continuous, discrete (XOR of two comparators) and
//!   desynchronous rules, one learning step = free solve, clamped solve, every edge updated;
//! - [`relax`]: learning faster than the network relaxes (the non-quasistatic regime);
//! - [`schedule`]: annealing, each edge's chance of a step falling over a learning phase;
//! - [`allostery`]: outputs at set ratios of a source drop;
//! - [`classify`]: a table's rows as input voltages and its classes as output targets;
//! - [`damage`]: random edges cut to a chosen share;
//! - [`board`]: the line protocol to a real board, the serial link, a board emulator;
//! - [`brain`]: the `Circuit` network kind in a scene ([`CircuitsPlugin`](brain::plugin::CircuitsPlugin)).
//!
//! Units: volts, siemens (conductance), amperes.

pub mod allostery;
pub mod board;
pub mod brain;
pub mod circuit;
pub mod classify;
pub mod coupled;
pub mod damage;
pub mod dense;
pub mod error;
pub mod kirchhoff;
pub mod potentiometer;
pub mod relax;
pub mod schedule;
