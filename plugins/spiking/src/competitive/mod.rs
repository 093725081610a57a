//! A competitive spiking layer that learns features without labels, by STDP, and is labelled
//! afterwards (Diehl & Cook 2015, "Unsupervised learning of digit recognition using
//! spike-timing-dependent plasticity").
//!
//! It is its own network kind (`Competitive((…))`), not a general spiking network: its one
//! architecture runs as a tight loop over dense rows, a whole digit (1,000 steps of 0.5 ms)
//! per call, event-driven input: a presentation costs about 2.5 ms of wall time with 400
//! neurons (`benches/stdp_mnist.rs`).
//!
//! | module | what |
//! |---|---|
//! | [`params`] | the scene section, Diehl & Cook's values as defaults |
//! | [`neurons`] | conductance-based LIF populations, stepped as columns |
//! | [`input`] | an image as Poisson trains, drawn event by event |
//! | [`learning`] | STDP with three traces, weight normalisation |
//! | [`layer`] | the network: a digit shown, rested, repeated if too quiet |
//! | [`labels`] | each neuron's class, and a digit's class from its spikes |
//! | [`brain`] | the layer as a brain: a batch of examples shown, counted, answered |
//! | [`kind`] | the `Competitive` network kind |
//! | [`systems`] | its systems in the step |
//! | [`columns`] | its metrics columns |
//! | [`checkpoint`] | its checkpoint section |
//! | [`plugin`] | registration |
//!
//! In a scene: `networks: [Competitive((port: "digits", inputs: 784, excitatory: 400))]`
//! beside a `Classify` task that shows it digits (`scenes/mnist_stdp.ron`).

pub mod brain;
pub mod checkpoint;
pub mod columns;
pub mod input;
pub mod kind;
pub mod labels;
pub mod layer;
pub mod learning;
pub mod neurons;
pub mod params;
pub mod plugin;
pub mod systems;
