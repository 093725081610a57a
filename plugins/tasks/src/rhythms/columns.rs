//! The rhythms task's metrics columns (one row per analysis window: its end).

use neurarium_sim::prelude::{Column, ColumnFamily};

/// Whether every band held a peak and the coupling (if tested) was significant.
pub const RHYTHMIC: Column = Column {
    name: "rhythm/rhythmic",
    unit: "1",
    description: "1 if each named band held a spectral peak of at least min_prominence and the coupling, if tested, beat 95% of its surrogates",
};
/// The strongest frequency between 2 and 100 Hz.
pub const STRONGEST_HZ: Column = Column {
    name: "rhythm/strongest_hz",
    unit: "Hz",
    description: "frequency of the spectrum's highest bin between 2 and 100 Hz",
};
/// The region's mean rate over the window.
pub const MEAN_RATE_HZ: Column = Column {
    name: "rhythm/mean_rate_hz",
    unit: "Hz",
    description: "the region's mean rate per neuron over the analysed window",
};
/// The modulation index.
pub const PAC: Column = Column {
    name: "rhythm/pac",
    unit: "1",
    description: "Tort's modulation index of the fast band's amplitude by the slow band's phase",
};
/// The surrogates' 95th percentile.
pub const PAC_P95: Column = Column {
    name: "rhythm/pac_p95",
    unit: "1",
    description: "95th percentile of the modulation index over time-shifted surrogates",
};

/// Each named band's peak frequency (0: no peak in the band).
pub const PEAK_HZ: ColumnFamily = ColumnFamily {
    prefix: "rhythm/peak_hz",
    key: "band",
    unit: "Hz",
    description: "frequency of the band's spectral peak; 0 if its highest bin is no local maximum",
};
/// Each named band's peak prominence (0: no peak).
pub const PROMINENCE: ColumnFamily = ColumnFamily {
    prefix: "rhythm/prominence",
    key: "band",
    unit: "1",
    description: "the band's peak power over the median power between 2 and 100 Hz; 0 if no peak",
};

/// Every fixed column, in order.
pub const ALL: &[Column] = &[RHYTHMIC, STRONGEST_HZ, MEAN_RATE_HZ, PAC, PAC_P95];
