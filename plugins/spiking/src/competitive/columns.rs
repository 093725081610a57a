//! The competitive layers' metrics columns, one set per layer, keyed by its port name.

use neurarium_sim::prelude::ColumnFamily;

/// Showings since the previous row, repeats counted.
pub const PRESENTATIONS: ColumnFamily = ColumnFamily {
    prefix: "competitive/presentations",
    key: "port",
    unit: "1",
    description: "showings since the previous row (a digit shown again at a higher rate counts again)",
};

/// Mean excitatory spikes per digit since the previous row (its last showing).
pub const SPIKES_PER_DIGIT: ColumnFamily = ColumnFamily {
    prefix: "competitive/spikes_per_digit",
    key: "port",
    unit: "1",
    description: "mean excitatory spikes per digit since the previous row, in the digit's last showing",
};

/// Mean threshold adaptation θ over the excitatory neurons.
pub const THETA: ColumnFamily = ColumnFamily {
    prefix: "competitive/theta",
    key: "port",
    unit: "mV",
    description: "mean threshold adaptation θ over the excitatory neurons",
};

/// Neurons with a class.
pub const LABELLED: ColumnFamily = ColumnFamily {
    prefix: "competitive/labelled",
    key: "port",
    unit: "1",
    description: "excitatory neurons with a class (those that fired to some training digit)",
};

/// Every family, in column order.
pub const FAMILIES: [ColumnFamily; 4] = [PRESENTATIONS, SPIKES_PER_DIGIT, THETA, LABELLED];
