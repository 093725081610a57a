//! CartPole-v1's equations of motion as Gymnasium integrates them: the reference the physics
//! world is held against, and what the planner's imagined futures can be compared with.
//!
//! A cart of mass `m_c` on a frictionless rail, a uniform pole of mass `m_p` and half-length `l`
//! hinged on it, gravity `g`, a horizontal force `F = ±F_max` on the cart. `θ` is the pole's
//! angle from upright, positive leaning toward `+x` (gravity makes it grow; pushing the cart
//! toward `+x` makes it shrink). With `M = m_c + m_p`:
//!
//! - `temp = (F + m_p l θ̇² sin θ) / M`
//! - `θ̈ = (g sin θ − cos θ · temp) / (l (4/3 − m_p cos² θ / M))`
//! - `ẍ = temp − m_p l θ̈ cos θ / M`
//!
//! and one control step of `τ` seconds is explicit Euler, positions first with the old
//! velocities: `x += τ ẋ; ẋ += τ ẍ; θ += τ θ̇; θ̇ += τ θ̈`. An episode is over once `|x| > 2.4`
//! m or `|θ| > 12°`, or after 500 steps. Units: metres, seconds, radians, kilograms, newtons.

use serde::{Deserialize, Serialize};

/// CartPole-v1's constants.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CartPoleParams {
    /// Gravity, m/s².
    pub gravity: f64,
    /// The cart's mass, kg.
    pub cart_mass: f64,
    /// The pole's mass, kg.
    pub pole_mass: f64,
    /// Half the pole's length, m.
    pub half_length: f64,
    /// The force of a push, N.
    pub force: f64,
    /// Seconds per control step.
    pub tau: f64,
    /// `|x|` past which an episode ends, m.
    pub x_limit: f64,
    /// `|θ|` past which an episode ends, rad.
    pub theta_limit: f64,
    /// Steps after which an episode ends.
    pub max_steps: u32,
}

impl Default for CartPoleParams {
    fn default() -> Self {
        Self {
            gravity: 9.8,
            cart_mass: 1.0,
            pole_mass: 0.1,
            half_length: 0.5,
            force: 10.0,
            tau: 0.02,
            x_limit: 2.4,
            theta_limit: 12.0_f64.to_radians(),
            max_steps: 500,
        }
    }
}

/// The state `(x, ẋ, θ, θ̇)`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CartPoleState {
    /// The cart's position, m.
    pub x: f64,
    /// Its velocity, m/s.
    pub x_dot: f64,
    /// The pole's angle from upright, rad, positive toward `+x`.
    pub theta: f64,
    /// Its angular velocity, rad/s.
    pub theta_dot: f64,
}

impl CartPoleState {
    /// As an array, in Gymnasium's order.
    pub fn to_array(self) -> [f64; 4] {
        [self.x, self.x_dot, self.theta, self.theta_dot]
    }

    /// From an array in Gymnasium's order.
    pub fn from_array([x, x_dot, theta, theta_dot]: [f64; 4]) -> Self {
        Self {
            x,
            x_dot,
            theta,
            theta_dot,
        }
    }
}

impl CartPoleParams {
    /// The force of action `push_right` (Gymnasium's action 1) or not (action 0), N.
    pub fn force_of(&self, push_right: bool) -> f64 {
        if push_right { self.force } else { -self.force }
    }

    /// The accelerations `(ẍ, θ̈)` under force `force` (N).
    pub fn accelerations(&self, s: &CartPoleState, force: f64) -> (f64, f64) {
        let total = self.cart_mass + self.pole_mass;
        let pole_moment = self.pole_mass * self.half_length;
        let (sin, cos) = s.theta.sin_cos();
        let temp = (force + pole_moment * s.theta_dot * s.theta_dot * sin) / total;
        let theta_acc = (self.gravity * sin - cos * temp)
            / (self.half_length * (4.0 / 3.0 - self.pole_mass * cos * cos / total));
        let x_acc = temp - pole_moment * theta_acc * cos / total;
        (x_acc, theta_acc)
    }

    /// One control step as Gymnasium takes it (explicit Euler over `tau`).
    pub fn euler_step(&self, s: &CartPoleState, push_right: bool) -> CartPoleState {
        let (x_acc, theta_acc) = self.accelerations(s, self.force_of(push_right));
        let tau = self.tau;
        CartPoleState {
            x: s.x + tau * s.x_dot,
            x_dot: s.x_dot + tau * x_acc,
            theta: s.theta + tau * s.theta_dot,
            theta_dot: s.theta_dot + tau * theta_acc,
        }
    }

    /// Whether `s` is past the limits (the episode is over).
    pub fn fallen(&self, s: &CartPoleState) -> bool {
        s.x.abs() > self.x_limit || s.theta.abs() > self.theta_limit
    }
}

impl CartPoleParams {
    /// One control step of the same equations integrated closely instead (classical
    /// Runge–Kutta over `pieces` equal parts of `tau`, the force held): the motion Euler's
    /// first-order step approximates, to measure how far Gymnasium's own integration is from it.
    pub fn exact_step(&self, s: &CartPoleState, push_right: bool, pieces: u32) -> CartPoleState {
        let force = self.force_of(push_right);
        let h = self.tau / f64::from(pieces.max(1));
        let derivative = |s: &CartPoleState| {
            let (x_acc, theta_acc) = self.accelerations(s, force);
            [s.x_dot, x_acc, s.theta_dot, theta_acc]
        };
        let shifted = |s: &CartPoleState, d: [f64; 4], by: f64| CartPoleState {
            x: s.x + by * d[0],
            x_dot: s.x_dot + by * d[1],
            theta: s.theta + by * d[2],
            theta_dot: s.theta_dot + by * d[3],
        };
        let mut state = *s;
        for _ in 0..pieces.max(1) {
            let k1 = derivative(&state);
            let k2 = derivative(&shifted(&state, k1, h / 2.0));
            let k3 = derivative(&shifted(&state, k2, h / 2.0));
            let k4 = derivative(&shifted(&state, k3, h));
            let mut d = [0.0; 4];
            for i in 0..4 {
                d[i] = (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0;
            }
            state = shifted(&state, d, h);
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_push_right_tips_the_upright_pole_left_and_gravity_tips_a_leaning_one_further() {
        let params = CartPoleParams::default();
        let (x_acc, theta_acc) = params.accelerations(&CartPoleState::default(), 10.0);
        // Gymnasium's figures at rest: ẍ ≈ 9.756, θ̈ ≈ −14.634.
        assert!((x_acc - 9.756).abs() < 1e-3 && (theta_acc + 14.634).abs() < 1e-3);
        let leaning = CartPoleState {
            theta: 0.1,
            ..CartPoleState::default()
        };
        let next = params.euler_step(&params.euler_step(&leaning, true), true);
        assert!(
            next.theta_dot < 0.0,
            "the push wins over gravity at 0.1 rad"
        );
        let (_, falling) = params.accelerations(&leaning, 0.0);
        assert!(falling > 0.0);
        // Euler and the close integration agree to first order in τ.
        let euler = params.euler_step(&leaning, false);
        let exact = params.exact_step(&leaning, false, 100);
        assert!(
            (euler.theta - exact.theta).abs() < 0.005 && (euler.theta - exact.theta).abs() > 1e-5
        );
    }
}
