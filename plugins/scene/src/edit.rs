//! Setting a field of a scene's RON text by its path, keeping everything else as written
//! (comments, layout, the other fields), so that a sweep's run gets a scene file a person can
//! read and diff against the original.
//!
//! The path is the one errors name (`projections[4].plasticity.RewardStdp.learning_rate`,
//! `task.Car.reward.lane_keeping`): struct fields by name, list elements by index, enum
//! variants by name. A written value is replaced; a field the scene leaves at its default is
//! inserted into its struct. A path through something the scene does not write (another
//! variant, a list element past the end) is an error naming the first missing segment. The
//! new text is not checked here: the caller parses the edited scene, which checks it.

use crate::locate::{ValueAt, parse_path, struct_body, value_at};

/// Why a field could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{path}`: the scene does not write `{missing}`, so there is no `{path}` to set{hint}")]
pub struct EditError {
    /// The path asked for.
    pub path: String,
    /// The path up to and including its first segment that is not written.
    pub missing: String,
    /// What to do instead, if it is clear.
    pub hint: String,
}

/// `source` with the value at `path` replaced by (or, for a field left at its default, set
/// to) the RON text `value`.
pub fn set_field(source: &str, path: &str, value: &str) -> Result<String, EditError> {
    match value_at(source, path) {
        ValueAt::Written { start, end } => {
            Ok(format!("{}{value}{}", &source[..start], &source[end..]))
        }
        ValueAt::Missing { missing, parent } => {
            let segments = parse_path(path);
            let last = missing + 1 == segments.len();
            let field = match segments.get(missing) {
                Some(crate::locate::Segment::Field(name)) if last => Some(name.clone()),
                _ => None,
            };
            if let (Some(name), Some(body)) = (field, struct_body(source, parent)) {
                return Ok(format!(
                    "{}{name}: {value}, {}",
                    &source[..body],
                    &source[body..]
                ));
            }
            let missing_path = prefix(path, missing + 1);
            Err(EditError {
                path: path.to_owned(),
                hint: if last {
                    String::new()
                } else {
                    format!(": write `{missing_path}` in the scene first")
                },
                missing: missing_path,
            })
        }
    }
}

/// The first `count` segments of `path`, as written.
fn prefix(path: &str, count: usize) -> String {
    let mut seen = 0;
    let mut end = path.len();
    for (i, c) in path.char_indices() {
        if (c == '.' || c == '[') && i > 0 {
            seen += 1;
            if seen == count {
                end = i;
                break;
            }
        }
    }
    path[..end].to_owned()
}
