//! The competitive layer's parameters, as a scene writes them, with Diehl & Cook's (2015)
//! values as defaults.

use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use crate::error::{InvalidParam, threshold_above_reset};

/// Which of Diehl & Cook's populations a field left out of a scene takes its value from.
pub trait PopulationDefaults: Sized {
    /// Every field's default.
    fn defaults() -> ConductanceLifParams<Self>;
}

/// Defaults of the excitatory neurons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Excitatory;

/// Defaults of the inhibitory neurons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inhibitory;

/// A conductance-based leaky integrate-and-fire population. Conductances are dimensionless
/// multiples of the leak conductance. `D` gives the defaults of the fields a scene leaves out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, bound = "D: PopulationDefaults")]
pub struct ConductanceLifParams<D> {
    /// Resting potential, mV.
    pub v_rest_mv: f64,
    /// Potential after a spike, mV.
    pub v_reset_mv: f64,
    /// Firing threshold (before adaptation), mV.
    pub v_threshold_mv: f64,
    /// Membrane time constant τ_m, ms.
    pub tau_m_ms: f64,
    /// Absolute refractory period, ms (the potential is held at reset).
    pub refractory_ms: f64,
    /// Excitatory reversal potential, mV.
    pub e_exc_mv: f64,
    /// Inhibitory reversal potential, mV.
    pub e_inh_mv: f64,
    /// Decay time constant of the excitatory conductance, ms.
    pub tau_exc_ms: f64,
    /// Decay time constant of the inhibitory conductance, ms.
    pub tau_inh_ms: f64,
    #[serde(skip)]
    defaults: PhantomData<D>,
}

/// The excitatory neurons' parameters.
pub type ExcitatoryParams = ConductanceLifParams<Excitatory>;
/// The inhibitory neurons' parameters.
pub type InhibitoryParams = ConductanceLifParams<Inhibitory>;

impl PopulationDefaults for Excitatory {
    fn defaults() -> ExcitatoryParams {
        ConductanceLifParams {
            v_rest_mv: -65.0,
            v_reset_mv: -65.0,
            v_threshold_mv: -52.0,
            tau_m_ms: 100.0,
            refractory_ms: 5.0,
            e_exc_mv: 0.0,
            e_inh_mv: -100.0,
            tau_exc_ms: 1.0,
            tau_inh_ms: 2.0,
            defaults: PhantomData,
        }
    }
}

impl PopulationDefaults for Inhibitory {
    fn defaults() -> InhibitoryParams {
        ConductanceLifParams {
            v_rest_mv: -60.0,
            v_reset_mv: -45.0,
            v_threshold_mv: -40.0,
            tau_m_ms: 10.0,
            refractory_ms: 2.0,
            e_exc_mv: 0.0,
            e_inh_mv: -85.0,
            tau_exc_ms: 1.0,
            tau_inh_ms: 2.0,
            defaults: PhantomData,
        }
    }
}

impl<D> ConductanceLifParams<D> {
    fn check(&self) -> Result<(), InvalidParam> {
        threshold_above_reset(self.v_threshold_mv, self.v_reset_mv)?;
        InvalidParam::finite("v_rest_mv", self.v_rest_mv)?;
        InvalidParam::check(self.v_rest_mv < self.v_threshold_mv, "v_rest_mv", || {
            format!(
                "must be below v_threshold_mv ({}), got {}",
                self.v_threshold_mv, self.v_rest_mv
            )
        })?;
        InvalidParam::positive("tau_m_ms", self.tau_m_ms)?;
        InvalidParam::non_negative("refractory_ms", self.refractory_ms)?;
        InvalidParam::finite("e_exc_mv", self.e_exc_mv)?;
        InvalidParam::finite("e_inh_mv", self.e_inh_mv)?;
        InvalidParam::positive("tau_exc_ms", self.tau_exc_ms)?;
        InvalidParam::positive("tau_inh_ms", self.tau_inh_ms)
    }
}

impl<D: PopulationDefaults> Default for ConductanceLifParams<D> {
    fn default() -> Self {
        D::defaults()
    }
}

/// The unsupervised learning of the input weights: pair-based STDP with a second, slower
/// postsynaptic trace, adaptive thresholds and weight normalisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompetitiveLearning {
    /// Depression rate η_pre at each input spike (times the postsynaptic trace).
    pub rate_pre: f64,
    /// Potentiation rate η_post at each excitatory spike (times the input trace and the slow
    /// postsynaptic trace).
    pub rate_post: f64,
    /// Time constant of the input trace, ms.
    pub tau_pre_ms: f64,
    /// Time constant of the fast postsynaptic trace (for depression), ms.
    pub tau_post_ms: f64,
    /// Time constant of the slow postsynaptic trace (for potentiation), ms.
    pub tau_post_slow_ms: f64,
    /// Largest weight; weights stay in `[0, w_max]`.
    pub w_max: f64,
    /// Each excitatory neuron's input weights are scaled to this sum before every digit; 0
    /// turns normalisation off.
    pub weight_sum: f64,
    /// Threshold increase θ₊ per excitatory spike while learning, mV.
    pub theta_plus_mv: f64,
    /// Decay time constant of θ, ms.
    pub tau_theta_ms: f64,
}

impl Default for CompetitiveLearning {
    fn default() -> Self {
        Self {
            rate_pre: 0.0001,
            rate_post: 0.01,
            tau_pre_ms: 20.0,
            tau_post_ms: 20.0,
            tau_post_slow_ms: 40.0,
            w_max: 1.0,
            weight_sum: 78.0,
            theta_plus_mv: 0.05,
            tau_theta_ms: 1e7,
        }
    }
}

impl CompetitiveLearning {
    fn check(&self) -> Result<(), InvalidParam> {
        InvalidParam::non_negative("rate_pre", self.rate_pre)?;
        InvalidParam::non_negative("rate_post", self.rate_post)?;
        InvalidParam::positive("tau_pre_ms", self.tau_pre_ms)?;
        InvalidParam::positive("tau_post_ms", self.tau_post_ms)?;
        InvalidParam::positive("tau_post_slow_ms", self.tau_post_slow_ms)?;
        InvalidParam::positive("w_max", self.w_max)?;
        InvalidParam::non_negative("weight_sum", self.weight_sum)?;
        InvalidParam::non_negative("theta_plus_mv", self.theta_plus_mv)?;
        InvalidParam::positive("tau_theta_ms", self.tau_theta_ms)
    }
}

/// How a digit's spike counts become each class's score ([`crate::competitive::labels`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ClassReadout {
    /// Each neuron counts for its strongest class only; a class scores its neurons' mean
    /// spike count (Diehl & Cook).
    #[default]
    StrongestClass,
    /// Each neuron's spikes vote for every class in proportion to its rates (Hazan et al.
    /// 2018).
    Proportion,
}

/// A competitive layer as a scene writes it:
/// `Competitive((port: "digits", inputs: 784, excitatory: 400, classes: 10))`; every other
/// field defaults to Diehl & Cook's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompetitiveParams {
    /// Name of its examples port.
    pub port: String,
    /// Input pixels (features in 0..1).
    pub inputs: usize,
    /// Excitatory neurons (and as many inhibitory ones).
    pub excitatory: usize,
    /// Classes the labels run over (the port's answers).
    pub classes: usize,
    /// Training digits shown per simulation step (the port's batch; the task's `eval_batch`
    /// sets the evaluation batches).
    pub batch: usize,
    /// Integration step, ms.
    pub dt_ms: f64,
    /// Poisson rate of a feature of 1 at the first showing, Hz.
    pub max_rate_hz: f64,
    /// Added to that rate at each repeat of a digit that drew too few spikes, Hz.
    pub rate_step_hz: f64,
    /// How long a digit is shown, ms.
    pub show_ms: f64,
    /// Rest after each showing (no input, the neurons relax), ms.
    pub rest_ms: f64,
    /// A showing with fewer excitatory spikes than this is repeated at a higher rate.
    pub min_spikes: u32,
    /// At most this many repeats per digit (then its spikes count as they are).
    pub max_repeats: u32,
    /// Initial input weights: uniform in `[low, high)`.
    pub initial_weights: (f64, f64),
    /// Excitatory → inhibitory weight (one to one).
    pub excite_inhibitory: f64,
    /// Inhibitory → excitatory weight (to every excitatory neuron but its partner).
    pub inhibit_excitatory: f64,
    /// The excitatory neurons.
    pub excitatory_neurons: ExcitatoryParams,
    /// The inhibitory neurons.
    pub inhibitory_neurons: InhibitoryParams,
    /// STDP, adaptive thresholds, normalisation.
    pub learning: CompetitiveLearning,
    /// How spike counts become answers.
    pub readout: ClassReadout,
    /// Epochs that learn; the epochs after them keep the weights and thresholds and only
    /// label the neurons anew from their training digits (a labelling pass). `None`: every
    /// epoch learns.
    pub learning_epochs: Option<u32>,
}

impl Default for CompetitiveParams {
    fn default() -> Self {
        Self {
            port: "digits".to_owned(),
            inputs: 784,
            excitatory: 400,
            classes: 10,
            batch: 10,
            dt_ms: 0.5,
            max_rate_hz: 63.75,
            rate_step_hz: 31.875,
            show_ms: 350.0,
            rest_ms: 150.0,
            min_spikes: 5,
            max_repeats: 10,
            initial_weights: (0.003, 0.303),
            excite_inhibitory: 10.4,
            inhibit_excitatory: 17.0,
            excitatory_neurons: ExcitatoryParams::default(),
            inhibitory_neurons: InhibitoryParams::default(),
            learning: CompetitiveLearning::default(),
            readout: ClassReadout::default(),
            learning_epochs: None,
        }
    }
}

impl CompetitiveParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(!self.port.is_empty(), "port", || {
            "must name the examples port".to_owned()
        })?;
        for (field, n) in [
            ("inputs", self.inputs),
            ("excitatory", self.excitatory),
            ("classes", self.classes),
            ("batch", self.batch),
        ] {
            InvalidParam::check(n > 0, field, || "must be at least 1".to_owned())?;
        }
        InvalidParam::positive("dt_ms", self.dt_ms)?;
        InvalidParam::positive("max_rate_hz", self.max_rate_hz)?;
        InvalidParam::non_negative("rate_step_hz", self.rate_step_hz)?;
        InvalidParam::check(self.show_ms >= self.dt_ms, "show_ms", || {
            format!("must be at least one step ({} ms)", self.dt_ms)
        })?;
        InvalidParam::non_negative("rest_ms", self.rest_ms)?;
        let (low, high) = self.initial_weights;
        InvalidParam::check(
            low >= 0.0 && high >= low && high <= self.learning.w_max,
            "initial_weights",
            || {
                format!(
                    "must be (low, high) with 0 ≤ low ≤ high ≤ learning.w_max ({}), got ({low}, {high})",
                    self.learning.w_max
                )
            },
        )?;
        InvalidParam::non_negative("excite_inhibitory", self.excite_inhibitory)?;
        InvalidParam::non_negative("inhibit_excitatory", self.inhibit_excitatory)?;
        self.excitatory_neurons
            .check()
            .map_err(|e| e.within("excitatory_neurons"))?;
        self.inhibitory_neurons
            .check()
            .map_err(|e| e.within("inhibitory_neurons"))?;
        self.learning.check().map_err(|e| e.within("learning"))
    }

    /// Steps in a showing and in a rest.
    pub fn steps(&self) -> (usize, usize) {
        let steps = |ms: f64| (ms / self.dt_ms).round() as usize;
        (steps(self.show_ms).max(1), steps(self.rest_ms))
    }
}
