//! The IDX loader reads the shipped MNIST sample (gzipped) and the same bytes unzipped, and
//! refuses truncated files, wrong magic numbers and mismatched label counts, naming the file.

use std::io::Read;
use std::path::{Path, PathBuf};

use neurarium_tasks::classify::idx::{IdxError, load_pair};

fn shipped(name: &str) -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .expect("cargo sets CARGO_MANIFEST_DIR when it runs a test"),
    )
    .join("../../assets/data")
    .join(name)
}

fn train_pair() -> (PathBuf, PathBuf) {
    (
        shipped("mnist9k-train-images-idx3-ubyte.gz"),
        shipped("mnist9k-train-labels-idx1-ubyte.gz"),
    )
}

fn gunzip(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn reads_the_shipped_sample_gzipped_or_not() {
    let (images, labels) = train_pair();
    let digits = load_pair(&images, &labels).unwrap();
    assert_eq!((digits.len(), digits.rows, digits.cols), (7196, 28, 28));
    assert_eq!(digits.pixels.len(), 7196 * 784);
    assert!(digits.pixels.iter().all(|p| (0.0..=1.0).contains(p)));
    let mut per_class = [0usize; 10];
    for &l in &digits.labels {
        per_class[usize::from(l)] += 1;
    }
    assert!(
        per_class.iter().all(|&n| (600..=840).contains(&n)),
        "{per_class:?}"
    );
    // Ink in the middle of the first image, none in its corner.
    let first = &digits.pixels[..784];
    assert!(first.iter().filter(|&&p| p > 0.5).count() > 50);
    assert_eq!(first[0], 0.0);

    let dir = tempfile::tempdir().unwrap();
    let (raw_images, raw_labels) = (dir.path().join("images"), dir.path().join("labels"));
    std::fs::write(&raw_images, gunzip(&images)).unwrap();
    std::fs::write(&raw_labels, gunzip(&labels)).unwrap();
    assert_eq!(load_pair(&raw_images, &raw_labels).unwrap(), digits);
}

#[test]
fn bad_files_are_refused_naming_the_file() {
    let (images, labels) = train_pair();
    let dir = tempfile::tempdir().unwrap();
    let image_bytes = gunzip(&images);
    let label_bytes = gunzip(&labels);

    let cut = dir.path().join("cut-images");
    std::fs::write(&cut, &image_bytes[..image_bytes.len() - 100]).unwrap();
    let error = load_pair(&cut, &labels).unwrap_err();
    assert!(matches!(error, IdxError::Truncated { .. }), "{error}");
    assert!(
        error.to_string().contains("cut-images") && error.to_string().contains("truncated"),
        "{error}"
    );

    // Labels given where images belong: the magic number says so.
    let error = load_pair(&labels, &labels).unwrap_err();
    assert!(
        matches!(error, IdxError::Magic { found: 0x801, .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("mnist9k-train-labels"),
        "{error}"
    );

    // A label file of the right format with fewer labels than images.
    let mut short = label_bytes[..8 + 100].to_vec();
    short[4..8].copy_from_slice(&100u32.to_be_bytes());
    let few = dir.path().join("few-labels");
    std::fs::write(&few, short).unwrap();
    let error = load_pair(&images, &few).unwrap_err();
    assert!(
        matches!(
            error,
            IdxError::CountMismatch {
                labels: 100,
                images: 7196,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("few-labels"), "{error}");

    let error = load_pair(&dir.path().join("missing"), &labels).unwrap_err();
    assert!(error.to_string().contains("missing"), "{error}");
}
