//! The resistor networks' metrics columns, one set per network, keyed by its port name.

use neurarium_sim::prelude::ColumnFamily;

/// Mean squared error of the free outputs, before each update, over the training examples
/// since the last row.
pub const ERROR: ColumnFamily = ColumnFamily {
    prefix: "circuit/error",
    key: "port",
    unit: "V^2",
    description: "mean ½Σ(V_out − target)² of the free twin, before each update, over the training examples since the previous row",
};

/// Edge updates that changed something since the last row.
pub const MOVES: ColumnFamily = ColumnFamily {
    prefix: "circuit/moves",
    key: "port",
    unit: "1",
    description: "edge updates since the previous row that changed something (a potentiometer step, or a conductance)",
};

/// Share of the edges cut.
pub const CUT: ColumnFamily = ColumnFamily {
    prefix: "circuit/cut",
    key: "port",
    unit: "1",
    description: "share of the network's edges cut by damage",
};

/// Every family, in column order.
pub const FAMILIES: [ColumnFamily; 3] = [ERROR, MOVES, CUT];
