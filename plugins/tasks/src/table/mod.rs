//! Tables: numeric features with a class per row, read from CSV (optionally gzipped), split
//! by class, and the classical baseline a learning rule on them is held against.
//!
//! - [`csv`]: reading a table, refusing a malformed one with the file, line and column;
//! - [`split`]: stratified training/test splits;
//! - [`logistic`]: multinomial logistic regression (scikit-learn's defaults).

pub mod csv;
pub mod logistic;
pub mod split;
