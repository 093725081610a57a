//! Tables of plain numbers: a CSV file whose every field is a number (gzipped or not), with an
//! optional header line of column names, as regression reads it.
//!
//! ```text
//! sepal_length,sepal_width,petal_length,petal_width,class   optional header
//! 5.1,3.5,1.4,0.2,0
//! ```
//!
//! The first line is a header when any of its fields is not a number; it is then kept as the
//! columns' names (a scikit-learn header, `150,4,setosa,…`, is skipped the same way). Refused,
//! naming the file and the 1-based line and column: a ragged row, a field that is not a finite
//! number, an empty file.

use std::path::Path;

use crate::table::csv::{TableError, read_text};

/// Rows of numbers, all of one width.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbers {
    /// Values per row.
    pub columns: usize,
    /// Every row's values, row after row.
    pub values: Vec<f64>,
}

impl Numbers {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.values.len() / self.columns.max(1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The values of row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.columns..(i + 1) * self.columns]
    }
}

/// Reads the numbers at `path`.
pub fn read_numbers(path: &Path) -> Result<Numbers, TableError> {
    parse_numbers(&read_text(path)?, path)
}

/// Parses `text`, the contents of `path` (named in errors).
pub fn parse_numbers(text: &str, path: &Path) -> Result<Numbers, TableError> {
    let at = |line: usize, column: Option<usize>, message: String| TableError::At {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let mut columns = None;
    let mut values = Vec::new();
    let lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    for (index, (number, line)) in lines.filter(|(_, l)| !l.is_empty()).enumerate() {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let parsed: Vec<Option<f64>> = fields
            .iter()
            .map(|f| f.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect();
        if index == 0 && parsed.iter().any(Option::is_none) {
            continue; // the header
        }
        let width = *columns.get_or_insert(fields.len());
        if fields.len() != width {
            return Err(at(
                number,
                None,
                format!("{} fields, but the rows before have {width}", fields.len()),
            ));
        }
        for (c, (value, field)) in parsed.iter().zip(&fields).enumerate() {
            let value = value.ok_or_else(|| {
                at(
                    number,
                    Some(c + 1),
                    format!("'{field}' is not a finite number"),
                )
            })?;
            values.push(value);
        }
    }
    match columns {
        Some(columns) => Ok(Numbers { columns, values }),
        None => Err(TableError::Empty {
            path: path.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_after_a_header_and_names_the_bad_field() {
        let path = Path::new("t.csv");
        let numbers = parse_numbers("a,b\n1,2\n\n3,4.5\n", path).unwrap();
        assert_eq!((numbers.columns, numbers.len()), (2, 2));
        assert_eq!(numbers.row(1), [3.0, 4.5]);
        let error = parse_numbers("1,2\n3,x\n", path).unwrap_err().to_string();
        assert_eq!(error, "t.csv:2:2: 'x' is not a finite number");
        let error = parse_numbers("1,2\n3\n", path).unwrap_err().to_string();
        assert_eq!(error, "t.csv:2: 1 fields, but the rows before have 2");
        assert!(
            parse_numbers("a,b\n", path).is_err(),
            "a header alone is empty"
        );
        let error = parse_numbers("a,b\nc,d\n", path).unwrap_err().to_string();
        assert_eq!(
            error, "t.csv:2:1: 'c' is not a finite number",
            "one header line"
        );
    }
}
