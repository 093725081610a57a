//! The energy networks' metrics columns, one set per network, keyed by its port name.

use neurarium_sim::prelude::ColumnFamily;

/// Mean energy `E` at the free equilibrium of the training samples since the last row.
pub const ENERGY: ColumnFamily = ColumnFamily {
    prefix: "energy/free_energy",
    key: "port",
    unit: "",
    description: "mean energy E at the free equilibrium of the training samples since the previous row",
};

/// Mean cost `C = ½‖output − target‖²` of the training samples since the last row.
pub const COST: ColumnFamily = ColumnFamily {
    prefix: "energy/cost",
    key: "port",
    unit: "",
    description: "mean cost ½‖output − target‖² of the training samples since the previous row (before each update)",
};

/// Parameter updates made since the last row.
pub const UPDATES: ColumnFamily = ColumnFamily {
    prefix: "energy/updates",
    key: "port",
    unit: "1",
    description: "parameter updates made since the previous row (one per training batch that taught anything)",
};

/// Fraction of the training samples whose update the surprise gate skipped.
pub const SKIPPED: ColumnFamily = ColumnFamily {
    prefix: "energy/skipped",
    key: "port",
    unit: "1",
    description: "fraction of the training samples since the previous row whose update the surprise gate skipped (0 without a gate)",
};

/// Every family, in column order.
pub const FAMILIES: [ColumnFamily; 4] = [ENERGY, COST, UPDATES, SKIPPED];
