//! Edits a person plausibly makes to a shipped scene are refused in plain words: what was
//! found, what is expected and, where it is clear, the fix.

use crate::common::parse;

const CAR: &str = include_str!("../../../../scenes/car.ron");

/// The car scene with `from` replaced by `to` (which must occur exactly once).
fn edited(from: &str, to: &str) -> String {
    assert_eq!(
        CAR.matches(from).count(),
        1,
        "`{from}` occurs once in car.ron"
    );
    CAR.replacen(from, to, 1)
}

/// The message of the error the edit gives; it must name the line of the edit.
fn message_of(from: &str, to: &str) -> String {
    let source = edited(from, to);
    let line = 1 + source[..source.find(to).unwrap()].matches('\n').count();
    // A missing comma is reported on the line of the value it should follow.
    let error = parse(&source).expect_err("the edit is invalid");
    assert_eq!(
        error.position().map(|p| p.0),
        Some(line),
        "line of: {error}"
    );
    error.to_string()
}

fn assert_says(message: &str, needles: &[&str]) {
    for needle in needles {
        assert!(message.contains(needle), "'{needle}' in: {message}");
    }
}

#[test]
fn the_car_scene_parses_as_shipped() {
    parse(CAR).unwrap();
}

#[test]
fn a_negative_size_says_a_whole_number_of_zero_or_more() {
    let message = message_of("size: 80", "size: -80");
    assert_says(&message, &["found `-80`", "whole number of 0 or more"]);
}

#[test]
fn a_size_with_a_decimal_point_says_write_the_whole_number() {
    let message = message_of("size: 80", "size: 80.0");
    assert_says(&message, &["found `80.0`", "whole number", "write `80`"]);
}

#[test]
fn a_number_where_a_weight_distribution_goes_lists_the_choices() {
    let message = message_of("weight: Constant(0.5)", "weight: 2.0");
    assert_says(
        &message,
        &["found `2.0`", "`Constant`", "`Uniform`", "`Normal`"],
    );
}

#[test]
fn a_task_without_some_says_write_some() {
    let message = message_of("task: Some(Car((", "task: Car((");
    // The closing parenthesis of `Some(` is left over; the message is about the first fault.
    assert_says(
        &message,
        &[
            "found `Car(`",
            "`Some(…)` or `None`",
            "write `Some(Car(…))`",
        ],
    );
}

#[test]
fn model_parameters_without_their_own_parentheses_say_where_they_go() {
    let message = message_of(
        "Lif((tau_m_ms: 10.0, bias_na: 1.0, initial_spread_mv: 10.0))",
        "Lif(tau_m_ms: 10.0, bias_na: 1.0, initial_spread_mv: 10.0)",
    );
    assert_says(
        &message,
        &[
            "found the field `tau_m_ms`",
            "inside `Lif(…)`",
            "`Lif((tau_m_ms: …))`",
        ],
    );
}

#[test]
fn a_number_in_quotes_says_write_it_without_quotes() {
    let message = message_of("rate_hz: 20.0", "rate_hz: \"20\"");
    assert_says(
        &message,
        &[
            "found the text `\"20\"`",
            "expected a number",
            "write `20` without quotes",
        ],
    );
}

#[test]
fn a_missing_comma_is_named() {
    let message = message_of("seed: 1,", "seed: 1");
    assert_says(&message, &["expected a comma", "found `dt_ms: 1.0` next"]);
}
