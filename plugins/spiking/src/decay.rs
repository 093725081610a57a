//! Exponential decay of state variables (conductances, traces, eligibility), flushed to 0.
//!
//! A value decaying as `x ← x · exp(−dt/τ)` never reaches 0; after about `87 τ` it leaves the
//! normal range of `f32` and becomes subnormal, where arithmetic is tens of times slower and
//! the value moves nothing. [`flushed`] sets such a value to 0; [`dropped_below`] does the same
//! below any floor (an eligibility floor, in weight units).

/// `x`, or 0 when it has decayed below the normal range of `f32`.
#[inline]
pub fn flushed(x: f32) -> f32 {
    dropped_below(x, f32::MIN_POSITIVE)
}

/// `x`, or 0 when its magnitude is below `floor`.
#[inline]
pub fn dropped_below(x: f32, floor: f32) -> f32 {
    if x.abs() < floor { 0.0 } else { x }
}

/// Every value times `factor` (an exact exponential decay over one step), flushed.
pub fn decay_all(values: &mut [f32], factor: f32) {
    values.iter_mut().for_each(|x| *x = flushed(*x * factor));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_below_the_normal_range_or_the_floor_become_zero() {
        let mut values = [1.0, f32::MIN_POSITIVE, -f32::MIN_POSITIVE];
        decay_all(&mut values, 0.5);
        assert_eq!(values, [0.5, 0.0, 0.0]);
        assert_eq!(dropped_below(-0.01, 0.1), 0.0);
        assert_eq!(dropped_below(-0.2, 0.1), -0.2);
    }
}
