//! Every RON example in docs/scenes.md is a valid scene (or part of one): each snippet is
//! completed into a whole scene — regions it mentions are added as plain LIF regions, each
//! line of a `task:` snippet is a scene of its own — and must parse and validate.

use std::path::Path;

use neurarium_scene::prelude::*;

fn ron_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```ron") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// Names after `from: "` and `to: "` in `text`.
fn mentioned_regions(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for key in ["from: \"", "to: \""] {
        for (start, _) in text.match_indices(key) {
            let rest = &text[start + key.len()..];
            let name = &rest[..rest.find('"').unwrap()];
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The scenes of a block: a block of `task:` lines holds one alternative per line, each
/// completed into its own scene; any other block is one scene.
fn complete_all(block: &str) -> Vec<String> {
    if block.trim_start().starts_with("task:") {
        block
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(complete)
            .collect()
    } else {
        vec![complete(block)]
    }
}

fn complete(block: &str) -> String {
    let trimmed = block.trim_start();
    let regions = |names: Vec<String>| {
        names
            .iter()
            .map(|n| format!("(name: \"{n}\", size: 20),"))
            .collect::<String>()
    };
    if trimmed.starts_with("Scene(") {
        block.to_owned()
    } else if trimmed.starts_with("model:") {
        let lines: String = block
            .lines()
            .enumerate()
            .map(|(i, line)| {
                format!(
                    "(name: \"r{i}\", size: 20, {}),",
                    line.trim().trim_end_matches(',')
                )
            })
            .collect();
        format!("Scene(regions: [{lines}])")
    } else if trimmed.starts_with("(name:") {
        format!("Scene(regions: [{block}])")
    } else if trimmed.starts_with("(from:") {
        format!(
            "Scene(regions: [{}], projections: [{block}])",
            regions(mentioned_regions(block))
        )
    } else if trimmed.starts_with("projections:") {
        format!(
            "Scene(regions: [{}], {block})",
            regions(mentioned_regions(block))
        )
    } else {
        format!("Scene({block})")
    }
}

#[test]
fn every_example_in_the_scene_reference_is_valid() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/scenes.md");
    let markdown = std::fs::read_to_string(&docs).unwrap();
    let blocks = ron_blocks(&markdown);
    assert!(blocks.len() >= 10, "found only {} examples", blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        for scene in complete_all(block) {
            if let Err(error) =
                parse_scene(&scene, Path::new("docs/scenes.md"), crate::common::kinds())
            {
                panic!("example {} is not valid: {error}\n{scene}", i + 1);
            }
        }
    }
}
