//! Dense matrices: faer's [`Mat<f32>`] and the few operations the energy networks need on top
//! of its GEMM ([`faer::linalg::matmul::matmul`]).
//!
//! States are `units × batch`: one column per sample. An owned `Mat` stores each column
//! contiguously, so a sample's layer is one run of memory and the elementwise work walks long
//! column slices, which the compiler vectorises. Weights are `units_below × units_above`.

use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, MatRef, Par};

/// `dst ← alpha · a · b` (`accumulate`: `dst += alpha · a · b`), single-threaded.
pub fn gemm(
    dst: &mut Mat<f32>,
    accumulate: bool,
    a: MatRef<'_, f32>,
    b: MatRef<'_, f32>,
    alpha: f32,
) {
    let beta = if accumulate {
        Accum::Add
    } else {
        Accum::Replace
    };
    matmul(dst.as_mut(), beta, a, b, alpha, Par::Seq);
}

/// Applies `f` to every element of `m`.
pub fn map_in_place(m: &mut Mat<f32>, mut f: impl FnMut(f32) -> f32) {
    for j in 0..m.ncols() {
        for x in m.col_as_slice_mut(j) {
            *x = f(*x);
        }
    }
}

/// `dst[i] ← f(dst[i], src[i])` for every element; the shapes must match.
pub fn zip_in_place(dst: &mut Mat<f32>, src: &Mat<f32>, mut f: impl FnMut(f32, f32) -> f32) {
    assert_eq!(dst.shape(), src.shape(), "zip_in_place: shapes differ");
    for j in 0..dst.ncols() {
        for (d, &s) in dst.col_as_slice_mut(j).iter_mut().zip(src.col_as_slice(j)) {
            *d = f(*d, s);
        }
    }
}

/// Adds `v` to every column of `m` (a bias to every sample).
pub fn add_to_columns(m: &mut Mat<f32>, v: &[f32]) {
    assert_eq!(m.nrows(), v.len(), "add_to_columns: height differs");
    for j in 0..m.ncols() {
        for (x, &b) in m.col_as_slice_mut(j).iter_mut().zip(v) {
            *x += b;
        }
    }
}

/// `out += scale · Σ_j m[:, j]`: the sum over samples of each unit, scaled.
pub fn add_row_sums(out: &mut [f32], m: &Mat<f32>, scale: f32) {
    assert_eq!(m.nrows(), out.len(), "add_row_sums: height differs");
    for j in 0..m.ncols() {
        for (o, &x) in out.iter_mut().zip(m.col_as_slice(j)) {
            *o += scale * x;
        }
    }
}

/// `a[:, j] · b[:, j]` for every column: one value per sample.
pub fn column_dots(a: &Mat<f32>, b: &Mat<f32>) -> Vec<f32> {
    assert_eq!(a.shape(), b.shape(), "column_dots: shapes differ");
    (0..a.ncols())
        .map(|j| {
            a.col_as_slice(j)
                .iter()
                .zip(b.col_as_slice(j))
                .map(|(x, y)| x * y)
                .sum()
        })
        .collect()
}

/// The first element of `m` that is not finite, as `(row, column)` (unit, sample).
pub fn first_non_finite(m: &Mat<f32>) -> Option<(usize, usize)> {
    (0..m.ncols()).find_map(|j| {
        m.col_as_slice(j)
            .iter()
            .position(|x| !x.is_finite())
            .map(|i| (i, j))
    })
}

/// The row of the largest value in each column (the predicted class of each sample).
pub fn argmax_columns(m: &Mat<f32>) -> Vec<usize> {
    (0..m.ncols())
        .map(|j| {
            let column = m.col_as_slice(j);
            (0..column.len())
                .max_by(|&a, &b| column[a].total_cmp(&column[b]))
                .unwrap_or(0)
        })
        .collect()
}
