//! Damage: random edges cut until a chosen share of the whole network is gone.
//!
//! [`cut_share`] cuts edges still there, drawn uniformly, until `round(share × edges)` of all
//! the network's edges are cut (cuts already made count). Nodes left without a path to ground
//! float and leave the solve; if the cut would leave an input or output without one, nothing is
//! cut and the error names the node ([`CircuitError::CutOffFromGround`]): such a network can no
//! longer answer, and scores as failed.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::coupled::CoupledNetwork;
use crate::error::CircuitError;

/// The edges cut so far, as a share of all edges.
pub fn cut_so_far(net: &CoupledNetwork) -> f64 {
    let cut = net.alive.iter().filter(|&&a| !a).count();
    cut as f64 / net.alive.len().max(1) as f64
}

/// Cuts random edges until `share` (0..=1) of all edges are cut; returns how many it cut now
/// (0 if that many are already cut).
pub fn cut_share(
    net: &mut CoupledNetwork,
    share: f64,
    rng: &mut impl Rng,
) -> Result<usize, CircuitError> {
    let edges = net.alive.len();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let wanted = (share.clamp(0.0, 1.0) * edges as f64).round() as usize;
    let already = net.alive.iter().filter(|&&a| !a).count();
    let mut alive: Vec<usize> = (0..edges).filter(|&e| net.alive[e]).collect();
    alive.shuffle(rng);
    let more = wanted.saturating_sub(already).min(alive.len());
    net.cut(&alive[..more])?;
    Ok(more)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::circuit::{Circuit, Terminals};
    use crate::coupled::Learning;

    #[test]
    fn cuts_add_up_to_the_share_and_a_fatal_cut_changes_nothing() {
        let circuit = Circuit::lattice(6, 6);
        let terminals = Terminals {
            ground: 0,
            inputs: vec![35],
            outputs: vec![17],
        };
        let mut net = CoupledNetwork::new(circuit, terminals, Learning::default(), 3).unwrap();
        let edges = net.alive.len();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert_eq!(cut_share(&mut net, 0.1, &mut rng).unwrap(), 6);
        assert_eq!(
            cut_share(&mut net, 0.1, &mut rng).unwrap(),
            0,
            "already cut"
        );
        assert_eq!(cut_share(&mut net, 0.25, &mut rng).unwrap(), 15 - 6);
        assert!((cut_so_far(&net) - 15.0 / edges as f64).abs() < 1e-12);
        let before = net.alive.clone();
        let error = cut_share(&mut net, 1.0, &mut rng).unwrap_err();
        assert!(
            matches!(error, CircuitError::CutOffFromGround { .. }),
            "{error}"
        );
        assert_eq!(net.alive, before, "a refused cut changes nothing");
    }
}
