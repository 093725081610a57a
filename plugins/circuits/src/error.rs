//! Why a circuit cannot be built or solved, naming the node or edge.

/// A circuit that cannot be solved, or a solve that failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CircuitError {
    /// An edge names a node the circuit does not have.
    #[error("edge {edge} joins node {node}, but the circuit has only {nodes} nodes (0..{nodes})")]
    NodeOutOfRange {
        /// The edge, by index.
        edge: usize,
        /// The node it names.
        node: u32,
        /// How many nodes there are.
        nodes: u32,
    },
    /// An edge joins a node to itself.
    #[error("edge {edge} joins node {node} to itself")]
    SelfLoop {
        /// The edge, by index.
        edge: usize,
        /// The node.
        node: u32,
    },
    /// A terminal (ground, input or output) names a node the circuit does not have.
    #[error("{role} node {node} is not in the circuit (0..{nodes})")]
    TerminalOutOfRange {
        /// `ground`, `input` or `output`.
        role: &'static str,
        /// The node.
        node: u32,
        /// How many nodes there are.
        nodes: u32,
    },
    /// A node is named twice among the terminals.
    #[error("node {node} is both {first} and {second}")]
    TerminalTwice {
        /// The node.
        node: u32,
        /// Its first role.
        first: &'static str,
        /// Its second role.
        second: &'static str,
    },
    /// A node has no path of edges to ground: its voltage is undetermined.
    #[error(
        "{role} node {node} is cut off from ground (node {ground}): no path of edges joins them"
    )]
    CutOffFromGround {
        /// `node`, `input` or `output`.
        role: &'static str,
        /// The node.
        node: u32,
        /// The ground node.
        ground: u32,
    },
    /// Conductances of the wrong count, or one that is not a finite positive number.
    #[error("edge {edge}: conductance {value} S must be a finite number > 0")]
    BadConductance {
        /// The edge, by index.
        edge: usize,
        /// The value given.
        value: f64,
    },
    /// The sparse factorisation failed (a conductance so small or large that the matrix is
    /// not numerically positive definite).
    #[error("the Kirchhoff matrix could not be factorised: {0}")]
    Factorisation(String),
    /// A saved state for another wiring.
    #[error("saved state of {saved} edges for a circuit of {edges} edges")]
    SavedEdges {
        /// Edges in the saved state.
        saved: usize,
        /// Edges of the circuit.
        edges: usize,
    },
}
