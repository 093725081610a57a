//! IDX files, the format MNIST ships in (LeCun et al.), gzipped or not.
//!
//! ```text
//! magic: 0x00 0x00 <type> <dimensions>     type 0x08 = unsigned bytes
//! <dimensions> big-endian u32 sizes        images: count, rows, columns; labels: count
//! the values, row-major
//! ```
//!
//! Image files have magic `0x00000803`, label files `0x00000801`. A file that is truncated, has
//! the wrong magic number, or whose label count does not match its images is refused with the
//! file named. Pixels are scaled into `0..1` (`byte / 255`).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Images with their labels, as loaded from a pair of IDX files.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledImages {
    /// Rows per image.
    pub rows: usize,
    /// Columns per image.
    pub cols: usize,
    /// Every image's pixels in `0..1`, image after image, row-major.
    pub pixels: Vec<f32>,
    /// One label per image.
    pub labels: Vec<u8>,
}

impl LabelledImages {
    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Pixels per image.
    pub fn pixels_per_image(&self) -> usize {
        self.rows * self.cols
    }
}

/// Why an IDX file could not be read; every variant names the file.
#[derive(Debug, Error)]
pub enum IdxError {
    /// The file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The magic number is not the one expected.
    #[error(
        "{}: not an IDX {what} file: magic number {found:#010x}, expected {expected:#010x}",
        path.display()
    )]
    Magic {
        /// The file.
        path: PathBuf,
        /// `images` or `labels`.
        what: &'static str,
        /// What the file starts with.
        found: u32,
        /// What it should.
        expected: u32,
    },
    /// The file ends before its header says it should.
    #[error("{}: truncated: the header promises {expected} bytes of data, the file has {found}", path.display())]
    Truncated {
        /// The file.
        path: PathBuf,
        /// Bytes promised.
        expected: usize,
        /// Bytes present.
        found: usize,
    },
    /// The label file does not have one label per image.
    #[error("{}: {labels} labels for the {images} images of {}", labels_path.display(), images_path.display())]
    CountMismatch {
        /// The label file.
        labels_path: PathBuf,
        /// The image file.
        images_path: PathBuf,
        /// Labels it holds.
        labels: usize,
        /// Images there are.
        images: usize,
    },
}

const IMAGES_MAGIC: u32 = 0x0000_0803;
const LABELS_MAGIC: u32 = 0x0000_0801;

/// Reads an image file and its label file.
pub fn load_pair(images: &Path, labels: &Path) -> Result<LabelledImages, IdxError> {
    let (dims, bytes) = read_idx(images, "images", IMAGES_MAGIC, 3)?;
    let (label_dims, label_bytes) = read_idx(labels, "labels", LABELS_MAGIC, 1)?;
    if label_dims[0] != dims[0] {
        return Err(IdxError::CountMismatch {
            labels_path: labels.to_owned(),
            images_path: images.to_owned(),
            labels: label_dims[0],
            images: dims[0],
        });
    }
    Ok(LabelledImages {
        rows: dims[1],
        cols: dims[2],
        pixels: bytes.iter().map(|&b| f32::from(b) / 255.0).collect(),
        labels: label_bytes,
    })
}

/// The sizes and data of an IDX file of unsigned bytes with `dimensions` dimensions.
fn read_idx(
    path: &Path,
    what: &'static str,
    magic: u32,
    dimensions: usize,
) -> Result<(Vec<usize>, Vec<u8>), IdxError> {
    let io = |source| IdxError::Io {
        path: path.to_owned(),
        source,
    };
    let mut raw = Vec::new();
    BufReader::new(File::open(path).map_err(io)?)
        .read_to_end(&mut raw)
        .map_err(io)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut inflated)
            .map_err(io)?;
        inflated
    } else {
        raw
    };
    let header = 4 + 4 * dimensions;
    let word = |i: usize| {
        bytes
            .get(i..i + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let truncated = |expected| IdxError::Truncated {
        path: path.to_owned(),
        expected,
        found: bytes.len().saturating_sub(header),
    };
    let found = word(0).ok_or_else(|| truncated(0))?;
    if found != magic {
        return Err(IdxError::Magic {
            path: path.to_owned(),
            what,
            found,
            expected: magic,
        });
    }
    let dims: Vec<usize> = (0..dimensions)
        .map(|d| {
            word(4 + 4 * d)
                .map(|w| w as usize)
                .ok_or_else(|| truncated(0))
        })
        .collect::<Result<_, _>>()?;
    let expected: usize = dims.iter().product();
    let data = bytes.get(header..).unwrap_or_default();
    if data.len() < expected {
        return Err(truncated(expected));
    }
    Ok((dims, data[..expected].to_vec()))
}
