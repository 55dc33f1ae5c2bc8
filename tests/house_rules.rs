//! The tree's house rules (README, "Architecture"): a source file stays within 350 lines, a file
//! that outgrows that becomes a folder of files named for what they hold — never `#[path]`, never
//! a family of `name_part.rs` siblings.

mod source_tree;

use source_tree::rust_sources as sources;
use std::collections::BTreeMap;
use std::path::PathBuf;

const MOST_LINES: usize = 350;

#[test]
fn no_file_outgrows_350_lines_and_none_is_placed_by_path() {
    let mut broken = Vec::new();
    for f in sources() {
        let text = std::fs::read_to_string(&f).expect("a readable source file");
        let lines = text.lines().count();
        if lines > MOST_LINES {
            broken.push(format!("{}: {lines} lines", f.display()));
        }
        if text.lines().any(|l| l.trim_start().starts_with("#[path")) {
            broken.push(format!("{}: a #[path] attribute", f.display()));
        }
    }
    assert!(
        broken.is_empty(),
        "house rules broken:\n{}",
        broken.join("\n")
    );
}

/// `conv2d_direct.rs`, `conv2d_fused.rs`, `conv2d_tests.rs` beside each other: a folder waiting to be.
#[test]
fn no_family_of_three_prefixed_siblings() {
    let mut families: BTreeMap<(PathBuf, String), Vec<String>> = BTreeMap::new();
    for f in sources() {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        if let Some((prefix, _)) = stem.split_once('_') {
            let dir = f.parent().unwrap().to_path_buf();
            families
                .entry((dir, prefix.to_string()))
                .or_default()
                .push(stem);
        }
    }
    let big: Vec<String> = families
        .iter()
        .filter(|(_, members)| members.len() >= 3)
        .map(|((dir, prefix), members)| format!("{}/{prefix}_*: {members:?}", dir.display()))
        .collect();
    assert!(
        big.is_empty(),
        "families that should be folders:\n{}",
        big.join("\n")
    );
}
