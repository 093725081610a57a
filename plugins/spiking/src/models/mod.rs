//! Neuron models and spike sources, declared in one place.
//!
//! | module | what | equations |
//! |---|---|---|
//! | [`dynamics`] | [`NeuronDynamics`], the interface of every model, and its generic systems | |
//! | [`lif`] | leaky integrate-and-fire, delta synapses | `τ_m dv/dt = (v_rest − v) + R·I`, exact step |
//! | [`coba`] | conductance-based LIF (the COBA benchmark) | `C dv/dt = g_L(E_L − v) + g_e(E_e − v) + g_i(E_i − v)` |
//! | [`izhikevich`] | Izhikevich (2003), named firing patterns | `dv/dt = 0.04v² + 5v + 140 − u + I`, `du/dt = a(bv − u)` |
//! | [`compartmental`] | dendrite, soma and axon compartments on a passive cable, the soma an integrate-and-fire neuron | `τ_m dV_j/dt = (v_rest − V_j) + (λ/Δx)² Σ_k (V_k − V_j)`, backward Euler |
//! | [`hodgkin_huxley`] | Hodgkin–Huxley Na, K, leak | exponential Euler in substeps |
//! | [`threshold`] | threshold, reset and refractory period shared by the integrate-and-fire models | |
//! | [`dynamic_threshold`] | threshold adaptation and relative refractoriness | `θ ← θ + Δθ` at a spike, decaying back |
//!
//! Spike sources (Poisson, encoders) live in [`crate::coding`].
//!
//! **Adding a model** is one line in `region_models!`'s invocation below, plus its file: a
//! parameters type implementing [`ModelParams`] (label, validation, how to build the state) and
//! a state component implementing [`NeuronDynamics`]. That line
//! drives the scene schema (the [`NeuronModel`] variant), validation, spawning, scheduling
//! ([`schedule_model`]), the checkpoint state and probes ([`schedule_all_probes`]); a model
//! missing one of them does not compile, and the test that walks [`NeuronModel::examples`]
//! spawns, steps, probes and checkpoints every one.

pub mod coba;
pub mod compartmental;
pub mod dynamic_threshold;
pub mod dynamics;
pub mod hodgkin_huxley;
pub mod izhikevich;
pub mod lif;
pub mod threshold;

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::coding::decoder::{ReadoutKind, decode_membrane};
use crate::coding::encoder::EncoderParams;
use crate::coding::poisson::PoissonParams;
use crate::coding::source::SourceParams;
use crate::error::InvalidParam;
use crate::monitors::monitor::{StateProbe, probe_state};
use crate::network::block::advance_regions;
use crate::network::checkpoint::SpikingStateAppExt;
use crate::network::spec::RegionSpec;
use crate::plugin::SpikingSystems;
use crate::synapses::delay::DelayRing;
use coba::CobaParams;
use compartmental::CompartmentalParams;
use dynamics::{NeuronDynamics, fire, integrate, record_mean_potential};
use hodgkin_huxley::HodgkinHuxleyParams;
use izhikevich::IzhikevichParams;
use lif::LifParams;

/// A neuron model's parameters, as a scene gives them, and how they build a region's state.
pub trait ModelParams:
    Clone + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// The state component of a region of this model.
    type Neurons: NeuronDynamics;
    /// Name of the state in checkpoints.
    const STATE: &'static str;
    /// A short description for panels ("LIF").
    fn label(&self) -> String;
    /// Checks every value; the error names the field below the parameters.
    fn validate(&self) -> Result<(), InvalidParam>;
    /// The state of `size` neurons stepped by `dt_ms`; initial values are drawn from `rng`,
    /// the region's own stream.
    fn build(&self, size: u32, dt_ms: f64, rng: ChaCha8Rng) -> Self::Neurons;
}

/// Declares every neuron model and spike source: see the module docs.
macro_rules! region_models {
    (
        models { $( $(#[$mdoc:meta])* $model:ident($mparams:ty), )* }
        sources { $( $(#[$sdoc:meta])* $source:ident($sparams:ty), )* }
    ) => {
        /// The neuron model of a region, or the spike source it is.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum NeuronModel {
            $( $(#[$mdoc])* $model($mparams), )*
            $( $(#[$sdoc])* $source($sparams), )*
        }

        impl NeuronModel {
            /// The variant names, as written in scenes.
            pub const NAMES: &'static [&'static str] =
                &[$(stringify!($model),)* $(stringify!($source),)*];

            /// The position of the variant `name` in [`Self::NAMES`]: its systems' place in
            /// each stage of the step ([`SpikingSystems`]).
            pub fn index_of(name: &str) -> usize {
                Self::NAMES.iter().position(|n| *n == name).unwrap_or(Self::NAMES.len())
            }

            /// A short description for panels.
            pub fn label(&self) -> String {
                match self {
                    $( Self::$model(p) => ModelParams::label(p), )*
                    $( Self::$source(p) => SourceParams::label(p), )*
                }
            }

            /// The name of the model's (or source's) state in checkpoints.
            pub fn state_name(&self) -> &'static str {
                match self {
                    $( Self::$model(_) => <$mparams as ModelParams>::STATE, )*
                    $( Self::$source(_) => <$sparams as SourceParams>::STATE, )*
                }
            }

            /// Whether the model is a spike source without a membrane (it cannot receive input).
            pub fn is_source(&self) -> bool {
                match self {
                    $( Self::$model(_) => false, )*
                    $( Self::$source(_) => true, )*
                }
            }

            /// Checks the parameters for a region of `size` neurons; the error names the field
            /// below the region (`model.Lif.tau_m_ms`).
            pub fn validate(&self, size: u32) -> Result<(), InvalidParam> {
                match self {
                    $( Self::$model(p) => ModelParams::validate(p)
                        .map_err(|e| e.within(concat!("model.", stringify!($model)))), )*
                    $( Self::$source(p) => SourceParams::validate(p, size)
                        .map_err(|e| e.within(concat!("model.", stringify!($source)))), )*
                }
            }

            /// Spawns the region `spec` with this model: `common` components, the state built
            /// from `rng` and, for a neuron model, its incoming delay `ring`; schedules the
            /// model's systems.
            pub(crate) fn spawn(
                &self,
                world: &mut World,
                spec: &RegionSpec,
                common: impl Bundle,
                ring: DelayRing,
                dt_ms: f64,
                rng: ChaCha8Rng,
            ) -> Entity {
                match self {
                    $( Self::$model(p) => {
                        schedule_model::<<$mparams as ModelParams>::Neurons>(
                            world,
                            spec,
                            Self::index_of(stringify!($model)),
                        );
                        world.spawn((common, ring, p.build(spec.size, dt_ms, rng))).id()
                    } )*
                    $( Self::$source(p) => {
                        <$sparams as SourceParams>::schedule(world);
                        let entity = world.spawn(common).id();
                        p.spawn(&mut world.entity_mut(entity), spec, rng);
                        entity
                    } )*
                }
            }

            /// One region model of each kind with default parameters, for tests that walk
            /// every model.
            pub fn examples() -> Vec<NeuronModel> {
                vec![
                    $( Self::$model(<$mparams>::default()), )*
                    $( Self::$source(<$sparams>::default()), )*
                ]
            }
        }

        /// Registers every model's and source's state for checkpoints.
        pub(crate) fn register_states(app: &mut App) {
            $( app.save_region_state::<<$mparams as ModelParams>::Neurons>(
                <$mparams as ModelParams>::STATE); )*
            $( app.save_region_state::<<$sparams as SourceParams>::Source>(
                <$sparams as SourceParams>::STATE); )*
        }

        /// Schedules the state-probe systems of every neuron model, for a panel that adds a
        /// [`StateProbe`] to a region at run time (call it outside a run of [`SimStep`]).
        pub fn schedule_all_probes(world: &mut World) {
            $( schedule_probes::<<$mparams as ModelParams>::Neurons>(
                world,
                NeuronModel::index_of(stringify!($model)),
            ); )*
        }
    };
}

region_models! {
    models {
        /// Leaky integrate-and-fire with delta synapses ([`lif`]).
        Lif(LifParams),
        /// Conductance-based leaky integrate-and-fire ([`coba`]).
        Coba(CobaParams),
        /// Izhikevich neurons with a named firing pattern ([`izhikevich`]).
        Izhikevich(IzhikevichParams),
        /// Hodgkin–Huxley neurons with Na, K and leak channels ([`hodgkin_huxley`]).
        HodgkinHuxley(HodgkinHuxleyParams),
        /// Multi-compartment neurons: a passive dendrite, soma and axon, the soma spiking
        /// ([`compartmental`]).
        Compartmental(CompartmentalParams),
    }
    sources {
        /// Independent Poisson spike sources ([`crate::coding::poisson`]).
        Poisson(PoissonParams),
        /// Spike sources encoding input values: rate, latency or population code
        /// ([`crate::coding::encoder`]); an input port of the brain.
        Encoder(EncoderParams),
    }
}

impl Default for NeuronModel {
    fn default() -> Self {
        NeuronModel::Lif(LifParams::default())
    }
}

/// Schedules the systems of neuron model `M`, the `index`th of [`NeuronModel::NAMES`] (once
/// per scene), and those of its optional parts the region `spec` uses: state probes and the
/// membrane readout.
pub fn schedule_model<M: NeuronDynamics>(world: &mut World, spec: &RegionSpec, index: usize) {
    schedule_once_with_block(
        world,
        std::any::type_name::<M>(),
        (
            integrate::<M>.in_set(SpikingSystems::Integrate(index)),
            fire::<M>.in_set(SpikingSystems::Fire(index)),
            record_mean_potential::<M>.in_set(SpikingSystems::Record(index)),
        ),
        advance_regions::<M>.in_set(SpikingSystems::Integrate(index)),
    );
    if !spec.probes.is_empty() {
        schedule_probes::<M>(world, index);
    }
    if spec.readout == ReadoutKind::Membrane {
        schedule_once(
            world,
            std::any::type_name::<(M, ReadoutKind)>(),
            decode_membrane::<M>.in_set(SpikingSystems::Decode(index)),
        );
    }
}

fn schedule_probes<M: NeuronDynamics>(world: &mut World, index: usize) {
    schedule_once(
        world,
        std::any::type_name::<(M, StateProbe)>(),
        probe_state::<M>.in_set(SpikingSystems::Probe(index)),
    );
}
