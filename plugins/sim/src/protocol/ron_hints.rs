//! Plain words for RON errors: what was found, what is expected and, where it is clear, the fix.
//!
//! RON's own messages name what the parser wanted, not what it met ("Expected comma" for
//! `size: 40.0`, "Expected option" for `task: Car(…)`). [`explain`] reads the text at the
//! error and says both:
//!
//! | written | message |
//! |---|---|
//! | `size: -40` | found `-40`, expected a whole number of 0 or more |
//! | `size: 40.0` | found `40.0`, expected a whole number: write `40` |
//! | `rate_hz: "15"` | found the text `"15"`, expected a number: write `15` without quotes |
//! | `task: Car((…))` | found `Car(`, expected `Some(…)` or `None` (the field is optional): write `Some(Car(…))` |
//! | `model: Lif(tau_m_ms: 20.0)` | found the field `tau_m_ms` directly inside `Lif(…)`: the parameters go in their own parentheses, `Lif((tau_m_ms: …))` |
//! | `weight: 2.0` | found `2.0`, expected one of `Constant`, `Uniform`, … (a named choice) |
//!
//! The choices of an enum come from serde itself: the caller re-reads the text with a made-up
//! variant name in place of what was found ([`PROBE_VARIANT`]) and passes the list serde
//! answers with.

use ron::error::Error;

/// The made-up variant name put in place of a found value to learn an enum's choices.
pub const PROBE_VARIANT: &str = "NeurariumProbeVariant";

/// The longest piece of found text quoted in a message, in characters.
const MAX_FOUND_CHARS: usize = 40;

/// What to say about `code`, an error at byte `offset` of `text`. `choices` are the variants
/// of the enum expected there, when the caller could learn them.
pub fn explain(code: &Error, text: &str, offset: usize, choices: Option<&[&str]>) -> String {
    let offset = offset.min(text.len());
    let at = skip_whitespace(text, offset);
    let found = found_token(&text[at..]);
    match code {
        Error::IntegerOutOfBounds => {
            let number = number_around(text, at);
            if number.starts_with('-') {
                format!("found `{number}`, expected a whole number of 0 or more")
            } else {
                format!("found `{number}`, which is larger than this field can hold")
            }
        }
        Error::ExpectedComma | Error::TrailingCharacters
            if starts_fraction(&text[at..]) && ends_in_digit(&text[..at]) =>
        {
            let number = number_around(text, at);
            let whole = number.split(['.', 'e', 'E']).next().unwrap_or(number);
            if number.parse::<f64>().is_ok_and(|n| n.fract() == 0.0) {
                format!("found `{number}`, expected a whole number: write `{whole}`")
            } else {
                format!("found `{number}`, expected a whole number")
            }
        }
        Error::ExpectedComma => format!(
            "expected a comma `,` after this value (or a closing bracket), found `{found}` next"
        ),
        Error::ExpectedFloat | Error::ExpectedInteger => {
            let wanted = if matches!(code, Error::ExpectedFloat) {
                "a number"
            } else {
                "a whole number"
            };
            match unquoted(found) {
                Some(inner) if inner.parse::<f64>().is_ok() => format!(
                    "found the text `{found}`, expected {wanted}: write `{inner}` without quotes"
                ),
                _ => format!("found `{found}`, expected {wanted}"),
            }
        }
        Error::ExpectedBoolean => format!("found `{found}`, expected `true` or `false`"),
        Error::ExpectedString | Error::ExpectedStringEnd => {
            if is_identifier(found) {
                format!("found `{found}`, expected text in double quotes: write `\"{found}\"`")
            } else {
                format!("found `{found}`, expected text in double quotes")
            }
        }
        Error::ExpectedOption => {
            let fix = if found.ends_with('(') {
                format!("{found}…)")
            } else {
                found.to_owned()
            };
            format!(
                "found `{found}`, expected `Some(…)` or `None` (the field is optional): write \
                 `Some({fix})`"
            )
        }
        Error::ExpectedDifferentStructName { expected, .. }
        | Error::ExpectedNamedStructLike(expected)
            if text[at..]
                .trim_start_matches(is_ident_char)
                .trim_start()
                .starts_with(':') =>
        {
            let field = identifier_at(&text[at..]);
            match enclosing_variant(text, at) {
                Some(variant) => format!(
                    "found the field `{field}` directly inside `{variant}(…)`, expected the \
                     parameters ({expected}) in their own parentheses: `{variant}(({field}: …))`"
                ),
                None => format!(
                    "found the field `{field}`, expected the parameters ({expected}) in their own \
                     parentheses: `(({field}: …))`"
                ),
            }
        }
        Error::SuggestRawIdentifier(_)
        | Error::ExpectedIdentifier
        | Error::InvalidIdentifier(_)
        | Error::ExpectedStructLike
        | Error::ExpectedNamedStructLike(_)
        | Error::ExpectedUnit => match choices {
            Some(choices) => format!(
                "found `{found}`, expected one of {} (a named choice; docs/scenes.md shows each)",
                quoted_list(choices)
            ),
            None if matches!(
                code,
                Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_)
            ) =>
            {
                format!(
                    "found `{found}`, expected a group of fields in parentheses: `(name: value, …)`"
                )
            }
            None => format!("found `{found}`, expected a name ({code})"),
        },
        Error::Eof => "the text ends early: a closing bracket or a value is missing".to_owned(),
        // The remaining messages already say what was found and what is valid (an unknown
        // field or variant lists the valid ones), or concern the file as a whole.
        _ => code.to_string(),
    }
}

/// Where to point for `code` at byte `offset` of `text`: a missing comma just after the
/// value it should follow (RON points at the next token, often on the next line); anything
/// else where RON points.
pub fn error_offset(code: &Error, text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let at = skip_whitespace(text, offset);
    let missing_comma = matches!(code, Error::ExpectedComma)
        && !(starts_fraction(&text[at..]) && ends_in_digit(&text[..at]));
    if missing_comma {
        text[..offset].trim_end().len()
    } else {
        offset
    }
}

/// The variant names an enum accepts, if `code` is the answer to a probe ([`probe_text`]).
pub fn enum_choices(code: &Error) -> Option<&'static [&'static str]> {
    match code {
        Error::NoSuchEnumVariant {
            expected, found, ..
        } if found == PROBE_VARIANT => Some(expected),
        _ => None,
    }
}

/// `text` with the value at byte `offset` replaced by [`PROBE_VARIANT`], to learn which
/// variants an enum there accepts; `None` when nothing value-like is there.
pub fn probe_text(text: &str, offset: usize) -> Option<String> {
    let at = skip_whitespace(text, offset.min(text.len()));
    let value = balanced_value(&text[at..]);
    if value.is_empty() {
        return None;
    }
    Some(format!(
        "{}{PROBE_VARIANT}{}",
        &text[..at],
        &text[at + value.len()..]
    ))
}

/// The byte offset of 1-based `(line, column)` (column in characters) in `text`.
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_identifier(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(is_ident_char)
}

fn skip_whitespace(text: &str, offset: usize) -> usize {
    let rest = &text[offset..];
    offset + (rest.len() - rest.trim_start().len())
}

/// The leading identifier of `rest`.
fn identifier_at(rest: &str) -> &str {
    let end = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
    &rest[..end]
}

/// The piece of `rest` a person would call "what is written here": a quoted string, a
/// number, or text up to the next separator, at most [`MAX_FOUND_CHARS`] characters.
fn found_token(rest: &str) -> &str {
    if let Some(inner) = rest.strip_prefix('"') {
        let end = inner.find('"').map_or(rest.len(), |i| i + 2);
        return truncate(&rest[..end]);
    }
    let end = rest.find([',', ')', ']', '}', '\n']).unwrap_or(rest.len());
    let token = rest[..end].trim_end();
    // `Car((` → `Car(`: enough to recognise what was written.
    match token.find('(') {
        Some(open) => truncate(&token[..=open]),
        None => truncate(token),
    }
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(MAX_FOUND_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The whole value starting at `rest`: up to the separator that closes it, counting brackets
/// and skipping strings.
fn balanced_value(rest: &str) -> &str {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut previous = ' ';
    for (i, c) in rest.char_indices() {
        if in_string {
            in_string = !(c == '"' && previous != '\\');
        } else {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => return rest[..i].trim_end(),
                ')' | ']' | '}' => depth -= 1,
                ',' | '\n' if depth == 0 => return rest[..i].trim_end(),
                _ => {}
            }
        }
        previous = c;
    }
    rest.trim_end()
}

/// The quoted text inside `"…"`, if `s` is a quoted string.
fn unquoted(s: &str) -> Option<&str> {
    s.strip_prefix('"')?.strip_suffix('"')
}

fn starts_fraction(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('.'), Some('0'..='9')) | (Some('e' | 'E'), Some('0'..='9' | '-' | '+'))
    )
}

fn ends_in_digit(before: &str) -> bool {
    before.ends_with(|c: char| c.is_ascii_digit())
}

/// The number written around byte `at`: digits (and sign) before it, and its digits, point
/// and exponent after it.
fn number_around(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(|c: char| !(c.is_ascii_digit() || c == '-' || c == '+' || c == '_'))
        .map_or(0, |i| i + 1);
    let rest = &text[start..];
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        let sign_after_exponent =
            matches!(c, '-' | '+') && (i == 0 || rest[..i].ends_with(['e', 'E']));
        if c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '_') || sign_after_exponent {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    &rest[..end]
}

/// The enum variant whose parentheses enclose byte `at` directly: `Lif` in `Lif(tau_m_ms`.
fn enclosing_variant(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end().strip_suffix('(')?.trim_end();
    let start = before
        .rfind(|c: char| !is_ident_char(c))
        .map_or(0, |i| i + 1);
    let name = &before[start..];
    is_identifier(name).then_some(name)
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
