//! An action file: one action per line, `0` (push left) or `1` (push right), as Gymnasium
//! numbers CartPole's actions; blank lines and `#` comments are skipped. `--actions FILE`
//! replays one headless.

use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why an action file could not be read; every variant names the file.
#[derive(Debug, Error, PartialEq)]
pub enum ActionsError {
    /// The file could not be read.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        message: String,
    },
    /// A line that is not an action.
    #[error("{}:{line}: '{text}' is not an action (0: push left, 1: push right)", path.display())]
    Bad {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The line's text.
        text: String,
    },
    /// No actions at all.
    #[error("{}: no actions (one 0 or 1 per line)", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// Reads the actions at `path`: `true` pushes right.
pub fn read_actions(path: &Path) -> Result<Vec<bool>, ActionsError> {
    let text = std::fs::read_to_string(path).map_err(|e| ActionsError::Io {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    parse_actions(&text, path)
}

/// Parses `text`, the contents of `path` (named in errors).
pub fn parse_actions(text: &str, path: &Path) -> Result<Vec<bool>, ActionsError> {
    let mut actions = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let action = line.split('#').next().unwrap_or("").trim();
        match action {
            "" => {}
            "0" => actions.push(false),
            "1" => actions.push(true),
            _ => {
                return Err(ActionsError::Bad {
                    path: path.to_owned(),
                    line: i + 1,
                    text: line.trim().to_owned(),
                });
            }
        }
    }
    if actions.is_empty() {
        return Err(ActionsError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(actions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_actions_and_names_the_bad_line() {
        let path = Path::new("a.txt");
        assert_eq!(
            parse_actions("0\n1 # right\n\n1\n", path),
            Ok(vec![false, true, true])
        );
        let error = parse_actions("0\n1\nleft\n", path).unwrap_err().to_string();
        assert_eq!(
            error,
            "a.txt:3: 'left' is not an action (0: push left, 1: push right)"
        );
        assert!(matches!(
            parse_actions("# nothing\n", path),
            Err(ActionsError::Empty { .. })
        ));
    }
}
