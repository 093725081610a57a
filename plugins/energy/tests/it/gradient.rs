//! EqProp's update is the gradient of the cost at the free equilibrium (as β → 0), checked
//! against finite differences on a tiny network; backprop's against the feed-forward loss.

use faer::Mat;
use neurarium_energy::backprop;
use neurarium_energy::energy::{cost, mean};
use neurarium_energy::grads::Grads;
use neurarium_energy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::common::{random_matrix, tiny_net, tiny_net_of};

/// Relaxed long enough that the tiny network sits at its equilibrium to f32 precision.
fn converged(beta: f32, nudging: Nudging) -> EqPropSettings {
    EqPropSettings {
        free_steps: 400,
        nudge_steps: 400,
        step_size: 0.5,
        beta,
        nudging,
    }
}

/// The batch-mean cost at the free equilibrium.
fn equilibrium_loss(net: &LayeredNet, input: &Mat<f32>, target: &Mat<f32>) -> f32 {
    let states = EqProp::default()
        .free_phase(net, input, &converged(0.1, Nudging::Positive), None)
        .expect("relaxes");
    mean(&cost(&states[net.output_layer()], target))
}

/// The feed-forward batch-mean cost.
fn forward_loss(net: &LayeredNet, input: &Mat<f32>, target: &Mat<f32>) -> f32 {
    let activations = backprop::forward(net, input);
    mean(&cost(&activations[net.output_layer()], target))
}

/// Central differences of `loss` with respect to every weight and bias above the input.
fn finite_differences(net: &LayeredNet, loss: impl Fn(&LayeredNet) -> f32) -> Grads {
    let h = 1e-2;
    let mut grads = Grads::zeros_like(net);
    let mut probe = net.clone();
    for l in 0..net.weights.len() {
        for i in 0..net.weights[l].nrows() {
            for j in 0..net.weights[l].ncols() {
                let w = net.weights[l][(i, j)];
                probe.weights[l][(i, j)] = w + h;
                let up = loss(&probe);
                probe.weights[l][(i, j)] = w - h;
                let down = loss(&probe);
                probe.weights[l][(i, j)] = w;
                grads.weights[l][(i, j)] = (up - down) / (2.0 * h);
            }
        }
    }
    for l in 1..net.biases.len() {
        for i in 0..net.biases[l].len() {
            let b = net.biases[l][i];
            probe.biases[l][i] = b + h;
            let up = loss(&probe);
            probe.biases[l][i] = b - h;
            let down = loss(&probe);
            probe.biases[l][i] = b;
            grads.biases[l][i] = (up - down) / (2.0 * h);
        }
    }
    grads
}

/// ‖a − b‖ / ‖b‖ over every parameter.
fn relative_error(a: &Grads, b: &Grads) -> f32 {
    let (a, b) = (a.flatten(), b.flatten());
    let diff: f32 = a.iter().zip(&b).map(|(x, y)| (x - y) * (x - y)).sum();
    let norm: f32 = b.iter().map(|y| y * y).sum();
    (diff / norm).sqrt()
}

fn eqprop_error(beta: f32, nudging: Nudging) -> f32 {
    eqprop_error_of(&tiny_net(3), beta, nudging)
}

fn eqprop_error_of(net: &LayeredNet, beta: f32, nudging: Nudging) -> f32 {
    let net = net.clone();
    let input = random_matrix(4, 3, 11);
    let target = random_matrix(3, 3, 12);
    let reference = finite_differences(&net, |n| equilibrium_loss(n, &input, &target));
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    let estimate = EqProp::default()
        .phases(
            &net,
            &input,
            &target,
            &converged(beta, nudging),
            &mut rng,
            None,
            None,
        )
        .expect("relaxes")
        .gradients(&net);
    relative_error(&estimate, &reference)
}

#[test]
fn eqprop_matches_the_gradient_as_beta_shrinks() {
    let coarse = eqprop_error(0.2, Nudging::Positive);
    let fine = eqprop_error(0.01, Nudging::Positive);
    assert!(fine < 0.02, "one-sided β = 0.01: relative error {fine}");
    assert!(
        fine < coarse / 5.0,
        "error must shrink with β: {coarse} at 0.2, {fine} at 0.01"
    );
}

#[test]
fn eqprop_matches_the_gradient_with_two_hidden_layers() {
    // A layer between two free layers (drive from below and above) and the weights between
    // two free layers take paths a single hidden layer never does.
    let net = tiny_net_of(&[4, 5, 5, 3], 4);
    let fine = eqprop_error_of(&net, 0.01, Nudging::Positive);
    assert!(fine < 0.03, "one-sided β = 0.01: relative error {fine}");
    let symmetric = eqprop_error_of(&net, 0.05, Nudging::Symmetric);
    assert!(
        symmetric < 0.02,
        "symmetric β = 0.05: relative error {symmetric}"
    );
}

#[test]
fn symmetric_nudging_removes_the_first_order_bias() {
    // One-sided errors shrink like β, symmetric ones like β² (0.18 → 0.05 and 0.05 → 0.003
    // from β = 0.2 to 0.05 when this was written).
    let one_sided = eqprop_error(0.05, Nudging::Positive);
    let symmetric = eqprop_error(0.05, Nudging::Symmetric);
    let symmetric_coarse = eqprop_error(0.2, Nudging::Symmetric);
    assert!(
        symmetric < 0.01,
        "symmetric β = 0.05: relative error {symmetric}"
    );
    assert!(
        symmetric < one_sided / 5.0,
        "symmetric {symmetric} should beat one-sided {one_sided} at the same β"
    );
    assert!(
        symmetric < symmetric_coarse / 8.0,
        "symmetric error should fall like β²: {symmetric_coarse} at 0.2, {symmetric} at 0.05"
    );
}

#[test]
fn backprop_matches_finite_differences() {
    let net = tiny_net(5);
    let input = random_matrix(4, 3, 21);
    let target = random_matrix(3, 3, 22);
    let reference = finite_differences(&net, |n| forward_loss(n, &input, &target));
    let (grads, _) = backprop::gradients(&net, &input, &target);
    let error = relative_error(&grads, &reference);
    assert!(error < 0.01, "relative error {error}");
}

#[test]
fn descending_in_place_equals_a_gradient_step() {
    let net = tiny_net(8);
    let input = random_matrix(4, 3, 31);
    let target = random_matrix(3, 3, 32);
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    let phases = EqProp::default()
        .phases(
            &net,
            &input,
            &target,
            &converged(0.2, Nudging::Symmetric),
            &mut rng,
            None,
            None,
        )
        .expect("relaxes");
    let grads = phases.gradients(&net);
    let rates = [0.3, 0.1];
    let mut stepped = net.clone();
    phases.descend(&mut stepped, &rates, 0.5);
    for (l, rate) in rates.iter().enumerate() {
        let expected = &net.weights[l] - &grads.weights[l] * faer::Scale(rate * 0.5);
        assert!(
            (&stepped.weights[l] - &expected).norm_max() < 1e-6,
            "weights {l}"
        );
        for (i, b) in stepped.biases[l + 1].iter().enumerate() {
            let want = net.biases[l + 1][i] - rate * 0.5 * grads.biases[l + 1][i];
            assert!((b - want).abs() < 1e-6, "bias {l} {i}");
        }
    }
    assert_ne!(stepped, net, "the step must change something");
}
