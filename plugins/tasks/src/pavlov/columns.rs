//! The conditioning task's metrics columns (one row per trial: its end).

use neurarium_sim::prelude::Column;

/// Whether the brain responded to the tone.
pub const RESPONDED: Column = Column {
    name: "pavlov/responded",
    unit: "1",
    description: "1 if the response port's spikes in the window after the tone's onset (before any food) reached response_spikes",
};
/// Response spikes in the window.
pub const RESPONSE_SPIKES: Column = Column {
    name: "pavlov/response_spikes",
    unit: "1",
    description: "the response port's spikes in the isi_ms after the tone's onset",
};
/// The phase.
pub const PHASE: Column = Column {
    name: "pavlov/phase",
    unit: "1",
    description: "0 acquisition (tone then food), 1 extinction (tone alone), 2 after both or evaluating",
};
/// The trial.
pub const TRIAL: Column = Column {
    name: "pavlov/trial",
    unit: "1",
    description: "trials done before this one",
};

/// Every column, in order.
pub const ALL: &[Column] = &[RESPONDED, RESPONSE_SPIKES, PHASE, TRIAL];
