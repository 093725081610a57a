//! Finding where a field is written in RON source text.
//!
//! Validation that needs the whole scene (a projection to a region that does not exist, a
//! threshold below the reset) happens after parsing, when serde's positions are gone. The
//! error knows the field's path (`projections[2].to`); [`locate`] walks the RON text along
//! that path — struct fields by name, list elements by index, through enum variants such as
//! `Lif((...))` — and returns the line and column of the deepest segment it finds.

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A struct field, by name.
    Field(String),
    /// A list element, by index.
    Index(usize),
}

/// Splits `regions[1].model.tau_m_ms` into segments.
pub fn parse_path(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(bracket) = rest.find('[') {
            if bracket > 0 {
                segments.push(Segment::Field(rest[..bracket].to_owned()));
            }
            rest = &rest[bracket..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let close = stripped.find(']').unwrap_or(stripped.len());
                if let Ok(index) = stripped[..close].parse() {
                    segments.push(Segment::Index(index));
                }
                rest = stripped.get(close + 1..).unwrap_or("");
            }
        } else {
            segments.push(Segment::Field(rest.to_owned()));
        }
    }
    segments
}

/// The 1-based `(line, column)` of the field at `path`, or of its deepest ancestor found.
pub fn locate(source: &str, path: &str) -> (usize, usize) {
    let walker = Walker {
        src: source.as_bytes(),
    };
    let mut value = walker.skip_ws(0);
    let mut found = value;
    for segment in parse_path(path) {
        let next = match &segment {
            Segment::Field(name) => walker.find_field(value, name),
            Segment::Index(index) => walker.find_index(value, *index),
        };
        match next {
            Some((at, value_start)) => {
                found = at;
                value = value_start;
            }
            None => break,
        }
    }
    line_column(source, found)
}

pub use neurarium_sim::protocol::section::line_column;

/// Where the value at a field path is written, or how far the path goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueAt {
    /// The value is written at bytes `start..end` (without trailing whitespace).
    Written {
        /// First byte of the value.
        start: usize,
        /// One past its last byte.
        end: usize,
    },
    /// The path's segment `missing` (an index into its segments) is not written; the value of
    /// the segment before it (the whole document for 0) starts at `parent`.
    Missing {
        /// The first segment not found.
        missing: usize,
        /// Where the deepest value found starts.
        parent: usize,
    },
}

/// Where the value at `path` is written in `source`.
pub fn value_at(source: &str, path: &str) -> ValueAt {
    let walker = Walker {
        src: source.as_bytes(),
    };
    let mut value = walker.skip_ws(0);
    for (index, segment) in parse_path(path).iter().enumerate() {
        let next = match segment {
            Segment::Field(name) => walker.find_field(value, name),
            Segment::Index(i) => walker.find_index(value, *i),
        };
        match next {
            Some((_, value_start)) => value = value_start,
            None => {
                return ValueAt::Missing {
                    missing: index,
                    parent: value,
                };
            }
        }
    }
    let end = walker.entry_end(value);
    let end = value + source[value..end].trim_end().len();
    ValueAt::Written { start: value, end }
}

/// The byte just after the opening `(` of the struct written at `value` (looking through
/// `Name(` and newtype variants such as `Lif((…))`), where a field can be inserted.
pub fn struct_body(source: &str, value: usize) -> Option<usize> {
    let walker = Walker {
        src: source.as_bytes(),
    };
    walker.struct_open(value).map(|open| open + 1)
}

struct Walker<'a> {
    src: &'a [u8],
}

impl Walker<'_> {
    fn at(&self, pos: usize) -> Option<u8> {
        self.src.get(pos).copied()
    }

    /// Skips whitespace and comments.
    fn skip_ws(&self, mut pos: usize) -> usize {
        loop {
            match (self.at(pos), self.at(pos + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.at(pos).is_some_and(|c| c != b'\n') {
                        pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    pos += 2;
                    while pos < self.src.len()
                        && !(self.at(pos) == Some(b'*') && self.at(pos + 1) == Some(b'/'))
                    {
                        pos += 1;
                    }
                    pos += 2;
                }
                _ => return pos,
            }
        }
    }

    fn skip_ident(&self, mut pos: usize) -> usize {
        while self
            .at(pos)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            pos += 1;
        }
        pos
    }

    /// Skips a quoted string starting at `pos` (on the quote).
    fn skip_string(&self, mut pos: usize) -> usize {
        let quote = self.at(pos);
        pos += 1;
        while let Some(c) = self.at(pos) {
            if c == b'\\' {
                pos += 2;
                continue;
            }
            pos += 1;
            if Some(c) == quote {
                break;
            }
        }
        pos
    }

    /// From inside a container, the position of the `,` or closing bracket ending this entry.
    fn entry_end(&self, mut pos: usize) -> usize {
        let mut depth = 0_usize;
        while let Some(c) = self.at(pos) {
            match c {
                b'"' => {
                    pos = self.skip_string(pos);
                    continue;
                }
                b'/' if matches!(self.at(pos + 1), Some(b'/' | b'*')) => {
                    pos = self.skip_ws(pos);
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => return pos,
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => return pos,
                _ => {}
            }
            pos += 1;
        }
        pos
    }

    /// The start of each entry of the container whose opening bracket is at `open`.
    fn entries(&self, open: usize) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut pos = open + 1;
        loop {
            pos = self.skip_ws(pos);
            match self.at(pos) {
                None | Some(b')' | b']' | b'}') => return starts,
                Some(_) => starts.push(pos),
            }
            pos = self.entry_end(pos);
            if self.at(pos) == Some(b',') {
                pos += 1;
            }
        }
    }

    /// The opening `(` of the struct a value holds, looking through `Name(` and newtype
    /// variants such as `Lif((...))`.
    fn struct_open(&self, value: usize) -> Option<usize> {
        let mut pos = self.skip_ws(self.skip_ident(self.skip_ws(value)));
        if self.at(pos) != Some(b'(') {
            return None;
        }
        loop {
            let inner = self.skip_ws(self.skip_ident(self.skip_ws(pos + 1)));
            let is_field = self.at(inner) == Some(b':');
            if is_field || self.at(inner) != Some(b'(') {
                return Some(pos);
            }
            pos = inner;
        }
    }

    /// `(position of the key, start of its value)` of field `name` in the struct at `value`.
    /// A `name` equal to the value's enum variant (`Lif` in `Lif((...))`) names the value
    /// itself, as serde's paths do.
    fn find_field(&self, value: usize, name: &str) -> Option<(usize, usize)> {
        let start = self.skip_ws(value);
        let ident_end = self.skip_ident(start);
        if &self.src[start..ident_end] == name.as_bytes() {
            return Some((start, start));
        }
        // `Some(x)`: serde's paths do not name the option, so look inside it.
        let open = self.skip_ws(ident_end);
        if &self.src[start..ident_end] == b"Some" && self.at(open) == Some(b'(') {
            return self.find_field(open + 1, name);
        }
        let open = self.struct_open(value)?;
        self.entries(open).into_iter().find_map(|entry| {
            let key_end = self.skip_ident(entry);
            let colon = self.skip_ws(key_end);
            let matches =
                &self.src[entry..key_end] == name.as_bytes() && self.at(colon) == Some(b':');
            matches.then(|| (entry, self.skip_ws(colon + 1)))
        })
    }

    /// `(start, start)` of element `index` of the list at `value`.
    fn find_index(&self, value: usize, index: usize) -> Option<(usize, usize)> {
        let open = self.skip_ws(value);
        if self.at(open) != Some(b'[') {
            return None;
        }
        self.entries(open).get(index).map(|&start| (start, start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"Scene(
    name: "x", // a comment with ( and "
    regions: [
        (name: "a", size: 3),
        (name: "b(", model: Lif((
            tau_m_ms: -1.0,
        ))),
    ],
)"#;

    #[test]
    fn finds_fields_through_lists_and_variants() {
        assert_eq!(locate(SRC, "name"), (2, 5));
        assert_eq!(locate(SRC, "regions[0].size"), (4, 21));
        assert_eq!(locate(SRC, "regions[1].model"), (5, 22));
        assert_eq!(locate(SRC, "regions[1].model.tau_m_ms"), (6, 13));
        assert_eq!(locate(SRC, "regions[1].model.Lif"), (5, 29));
        assert_eq!(locate(SRC, "regions[1].model.Lif.tau_m_ms"), (6, 13));
    }

    #[test]
    fn falls_back_to_the_deepest_ancestor() {
        assert_eq!(locate(SRC, "regions[1].nope"), (5, 9));
        assert_eq!(locate(SRC, "regions[7]"), (3, 5));
    }

    #[test]
    fn parses_paths() {
        assert_eq!(
            parse_path("a[2][3].b"),
            vec![
                Segment::Field("a".into()),
                Segment::Index(2),
                Segment::Index(3),
                Segment::Field("b".into())
            ]
        );
    }
}
