//! Tables of numbers: a CSV file of numeric features with a class index as its last column,
//! gzipped or not, with an optional header line.
//!
//! ```text
//! 150,4,setosa,versicolor,virginica     optional header (scikit-learn's: rows, features, class names)
//! 5.1,3.5,1.4,0.2,0                     features…, class index
//! ```
//!
//! The first line is a header when any of its fields is not a number. A scikit-learn header
//! (two counts, then the class names) is checked: the row and feature counts must match the
//! file and every class index must name one of the classes. Any other header is taken as
//! column names. Without a header the classes are `0..=largest index`.
//!
//! Refused, naming the file and the 1-based line and column: a ragged row, a feature that is
//! not a finite number, a class index that is not a whole number or is outside the classes,
//! an empty file, a header whose counts disagree with the rows.

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A table of samples: features row by row and one class each.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Features per row.
    pub features: usize,
    /// Every row's features, row after row.
    pub values: Vec<f32>,
    /// Each row's class, below `classes`.
    pub labels: Vec<usize>,
    /// Number of classes.
    pub classes: usize,
    /// The classes' names, when the header gives them.
    pub class_names: Option<Vec<String>>,
}

impl Table {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The features of row `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.values[i * self.features..(i + 1) * self.features]
    }
}

/// Why a table could not be read; every variant names the file.
#[derive(Debug, Error)]
pub enum TableError {
    /// The file could not be opened, read or un-gzipped.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A problem at a place in the file.
    #[error("{}:{line}{}: {message}", path.display(), column.map(|c| format!(":{c}")).unwrap_or_default())]
    At {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (field), if the problem is in one.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// The file holds no rows.
    #[error("{}: the table is empty (no rows of features and a class)", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// Reads the table at `path` (gzipped when it starts with the gzip magic bytes).
pub fn read_table(path: &Path) -> Result<Table, TableError> {
    parse_table(&read_text(path)?, path)
}

/// The text of the file at `path`, un-gzipped when it starts with the gzip magic bytes.
pub fn read_text(path: &Path) -> Result<String, TableError> {
    let io = |source| TableError::Io {
        path: path.to_owned(),
        source,
    };
    let raw = std::fs::read(path).map_err(io)?;
    let mut text = String::new();
    if raw.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_string(&mut text)
            .map_err(io)?;
    } else {
        text = String::from_utf8(raw)
            .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    }
    Ok(text)
}

/// The header a table may start with.
enum Header {
    /// scikit-learn's: rows, features, class names (on `line`).
    Counts {
        rows: usize,
        features: usize,
        names: Vec<String>,
        line: usize,
    },
    /// Column names: nothing to check.
    Names,
}

/// Parses `text`, the contents of `path` (named in errors).
pub fn parse_table(text: &str, path: &Path) -> Result<Table, TableError> {
    let at = |line: usize, column: Option<usize>, message: String| TableError::At {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .peekable();
    let mut header = None;
    if let Some(&(number, first)) = lines.peek() {
        let fields: Vec<&str> = first.split(',').map(str::trim).collect();
        if fields.iter().any(|f| f.parse::<f64>().is_err()) {
            header = Some(read_header(&fields, number));
            lines.next();
        }
    }
    let mut features = None;
    let mut values = Vec::new();
    let mut labels = Vec::new();
    for (number, line) in lines {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let width = *features.get_or_insert(fields.len().saturating_sub(1));
        if width == 0 {
            return Err(at(
                number,
                None,
                "a row needs at least one feature and the class index".to_owned(),
            ));
        }
        if fields.len() != width + 1 {
            return Err(at(
                number,
                None,
                format!(
                    "{} fields, but the rows before have {} ({width} features and the class)",
                    fields.len(),
                    width + 1
                ),
            ));
        }
        for (c, field) in fields[..width].iter().enumerate() {
            match field.parse::<f32>() {
                Ok(v) if v.is_finite() => values.push(v),
                _ => {
                    return Err(at(
                        number,
                        Some(c + 1),
                        format!("feature '{field}' is not a finite number"),
                    ));
                }
            }
        }
        let class = fields[width];
        let label = class
            .parse::<f64>()
            .ok()
            .filter(|v| *v >= 0.0 && v.fract() == 0.0 && *v < 1e9)
            .ok_or_else(|| {
                at(
                    number,
                    Some(width + 1),
                    format!("class index '{class}' is not a whole number 0, 1, 2, …"),
                )
            })?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        labels.push(label as usize);
        if let Some(Header::Counts { names, .. }) = &header
            && label as usize >= names.len()
        {
            return Err(at(
                number,
                Some(width + 1),
                format!(
                    "class index {class} is out of range: the header names {} classes (0 to {})",
                    names.len(),
                    names.len() - 1
                ),
            ));
        }
    }
    let Some(features) = features else {
        return Err(TableError::Empty {
            path: path.to_owned(),
        });
    };
    let (classes, class_names) = match header {
        Some(Header::Counts {
            rows,
            features: declared,
            names,
            line,
        }) => {
            if rows != labels.len() || declared != features {
                return Err(at(
                    line,
                    None,
                    format!(
                        "the header declares {rows} rows of {declared} features, the file has {} rows of {features}",
                        labels.len()
                    ),
                ));
            }
            (names.len(), Some(names))
        }
        _ => (labels.iter().max().map_or(0, |m| m + 1), None),
    };
    Ok(Table {
        features,
        values,
        labels,
        classes,
        class_names,
    })
}

/// A header line's meaning: scikit-learn's counts and names, or column names.
fn read_header(fields: &[&str], line: usize) -> Header {
    match fields {
        [rows, features, names @ ..] if !names.is_empty() => {
            match (rows.parse::<usize>(), features.parse::<usize>()) {
                (Ok(rows), Ok(features)) => Header::Counts {
                    rows,
                    features,
                    names: names.iter().map(|n| (*n).to_owned()).collect(),
                    line,
                },
                _ => Header::Names,
            }
        }
        _ => Header::Names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Table, TableError> {
        parse_table(text, Path::new("t.csv"))
    }

    fn message(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_a_scikit_learn_header_and_its_class_names() {
        let t = parse("3,2,a,b\n1,2,0\n3,4,1\n5,6.5,1\n").unwrap();
        assert_eq!((t.len(), t.features, t.classes), (3, 2, 2));
        assert_eq!(t.row(2), &[5.0, 6.5]);
        assert_eq!(t.labels, vec![0, 1, 1]);
        assert_eq!(t.class_names, Some(vec!["a".to_owned(), "b".to_owned()]));
    }

    #[test]
    fn reads_a_table_without_header_or_with_column_names() {
        let t = parse("1,2,0\n3,4,2\n").unwrap();
        assert_eq!((t.classes, t.class_names), (3, None));
        let named = parse("x,y,class\n1,2,0\n3,4,1\n").unwrap();
        assert_eq!((named.len(), named.classes), (2, 2));
    }

    #[test]
    fn refuses_bad_tables_naming_line_and_column() {
        assert_eq!(
            message("1,2,0\n3,4\n"),
            "t.csv:2: 2 fields, but the rows before have 3 (2 features and the class)"
        );
        assert_eq!(
            message("1,2,0\n3,x,1\n"),
            "t.csv:2:2: feature 'x' is not a finite number"
        );
        assert_eq!(
            message("1,2,0\n3,4,1.5\n"),
            "t.csv:2:3: class index '1.5' is not a whole number 0, 1, 2, …"
        );
        assert_eq!(
            message("2,2,a,b\n1,2,0\n3,4,2\n"),
            "t.csv:3:3: class index 2 is out of range: the header names 2 classes (0 to 1)"
        );
        assert_eq!(
            message("3,2,a,b\n1,2,0\n3,4,1\n"),
            "t.csv:1: the header declares 3 rows of 2 features, the file has 2 rows of 2"
        );
        assert!(message("\n\n").contains("the table is empty"));
        assert!(message("a,b,c\n").contains("the table is empty"));
    }

    #[test]
    fn reads_gzipped_files() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"1,2,0\n3,4,1\n").unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let t = read_table(&path).unwrap();
        assert_eq!(t.labels, vec![0, 1]);
        let missing = read_table(&dir.path().join("none.csv")).unwrap_err();
        assert!(missing.to_string().contains("none.csv"));
    }
}
