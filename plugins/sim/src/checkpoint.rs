//! Checkpoints: the whole state of a run in one versioned, checksummed file.
//!
//! A checkpoint is a list of named sections. Each plugin registers the sections it owns with
//! [`CheckpointAppExt::register_checkpoint_section`] (or, for a plain serialisable resource,
//! [`CheckpointAppExt::checkpoint_resource`]); [`save_checkpoint`] asks each for its bytes and
//! [`restore_checkpoint`] hands each its bytes back, in registration order.
//!
//! File layout (all integers little-endian):
//!
//! | bytes | content |
//! |---|---|
//! | 16 | magic `NEURARIUM-CKPT\0\0` |
//! | 4 | format version ([`FORMAT_VERSION`]) |
//! | 8 | payload length in bytes |
//! | 4 | CRC-32 of the payload |
//! | n | payload: postcard encoding of `Vec<(String, Vec<u8>)>` |
//!
//! The file is written to a temporary file in the same directory, flushed to disk, then
//! renamed over the target: a crash leaves either the old checkpoint or the new one, never a
//! half-written file. Truncated, corrupted, foreign and future-version files give a
//! [`CheckpointError`] naming the file, never a panic.

use std::io::Write;
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Serialize, de::DeserializeOwned};
use thiserror::Error;

/// The first 16 bytes of every checkpoint.
pub const MAGIC: &[u8; 16] = b"NEURARIUM-CKPT\0\0";
/// The format version this build writes and reads. 3: the sections of the task and network
/// protocols (ports, the shared episode history, the car without it). 4: background input's
/// `exploration` and R-STDP's `eligibility_floor` and `zero_sum_rows` in the network's state.
pub const FORMAT_VERSION: u32 = 4;
const HEADER_LEN: usize = 16 + 4 + 8 + 4;

/// Why a checkpoint could not be written, read or applied.
#[derive(Debug, Error)]
pub enum CheckpointError {
    /// The file system refused.
    #[error("checkpoint {path}: {source}")]
    Io {
        /// The checkpoint file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file does not start with the checkpoint magic.
    #[error("{path} is not a Neurarium checkpoint (it does not start with the checkpoint header)")]
    Foreign {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by another format version.
    #[error(
        "checkpoint {path} has format version {found}; this build reads version {FORMAT_VERSION}"
    )]
    Version {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
    },
    /// The file ends early.
    #[error("checkpoint {path} is truncated: {expected} bytes expected, {found} found")]
    Truncated {
        /// The file.
        path: PathBuf,
        /// Bytes the header announces.
        expected: u64,
        /// Bytes present.
        found: u64,
    },
    /// The payload does not match its checksum.
    #[error("checkpoint {path} is corrupted (checksum mismatch)")]
    Corrupted {
        /// The file.
        path: PathBuf,
    },
    /// A section could not be encoded or decoded.
    #[error("checkpoint section '{section}': {message}")]
    Section {
        /// The section name.
        section: String,
        /// What went wrong.
        message: String,
    },
    /// A section the app needs is absent from the file.
    #[error("checkpoint {path} has no section '{section}' (sections present: {present})")]
    MissingSection {
        /// The file.
        path: PathBuf,
        /// The section that is missing.
        section: String,
        /// The sections the file holds, comma-separated.
        present: String,
    },
}

impl CheckpointError {
    /// A section error from any displayable cause.
    pub fn section(section: &str, message: impl std::fmt::Display) -> Self {
        Self::Section {
            section: section.to_owned(),
            message: message.to_string(),
        }
    }
}

/// Encodes a section's state.
pub type SaveSection = fn(&World) -> Result<Vec<u8>, CheckpointError>;
/// Restores a section's state from its bytes.
pub type LoadSection = fn(&mut World, &[u8]) -> Result<(), CheckpointError>;

/// What restoring does when a checkpoint lacks an optional section (one written before the
/// section existed): accept it, or refuse it with the reason.
pub type AbsentSection = fn(&mut World) -> Result<(), CheckpointError>;

struct Section {
    name: &'static str,
    save: SaveSection,
    load: LoadSection,
    /// For a section added after checkpoints without it were written: what its absence means.
    absent: Option<AbsentSection>,
}

/// The sections registered by the app's plugins, in registration order.
#[derive(Resource, Default)]
pub struct CheckpointRegistry {
    sections: Vec<Section>,
}

/// Registering checkpoint sections on an [`App`].
pub trait CheckpointAppExt {
    /// Registers a section with its own save and load functions.
    fn register_checkpoint_section(
        &mut self,
        name: &'static str,
        save: SaveSection,
        load: LoadSection,
    ) -> &mut Self;
    /// Registers a section that older checkpoints lack (a network kind or task added later):
    /// restoring such a checkpoint calls `absent` instead of `load`, which accepts it (the
    /// scene has nothing of the kind) or refuses it with the reason.
    fn register_optional_checkpoint_section(
        &mut self,
        name: &'static str,
        save: SaveSection,
        load: LoadSection,
        absent: AbsentSection,
    ) -> &mut Self;
    /// Registers a serialisable resource as a section of its own.
    fn checkpoint_resource<R: Resource + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self;
    /// [`Self::checkpoint_resource`] for a resource added later: a checkpoint without its
    /// section keeps the scene's value.
    fn optional_checkpoint_resource<R: Resource + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self;
}

/// Adds a section to the app's registry; names are unique.
fn register(app: &mut App, section: Section) {
    let mut registry = app.world_mut().get_resource_or_init::<CheckpointRegistry>();
    assert!(
        registry.sections.iter().all(|s| s.name != section.name),
        "checkpoint section '{}' registered twice",
        section.name
    );
    registry.sections.push(section);
}

impl CheckpointAppExt for App {
    fn register_checkpoint_section(
        &mut self,
        name: &'static str,
        save: SaveSection,
        load: LoadSection,
    ) -> &mut Self {
        register(
            self,
            Section {
                name,
                save,
                load,
                absent: None,
            },
        );
        self
    }

    fn register_optional_checkpoint_section(
        &mut self,
        name: &'static str,
        save: SaveSection,
        load: LoadSection,
        absent: AbsentSection,
    ) -> &mut Self {
        register(
            self,
            Section {
                name,
                save,
                load,
                absent: Some(absent),
            },
        );
        self
    }

    fn checkpoint_resource<R: Resource + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self {
        self.register_checkpoint_section(name, save_resource::<R>, load_resource::<R>)
    }

    fn optional_checkpoint_resource<R: Resource + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self {
        self.register_optional_checkpoint_section(
            name,
            save_resource::<R>,
            load_resource::<R>,
            keep_scene_state,
        )
    }
}

/// The [`AbsentSection`] of a section whose state the scene builds afresh: a checkpoint written
/// before the section existed is accepted and the scene's state kept (it cannot hold what the
/// section would save, its own scene predating it).
pub fn keep_scene_state(_world: &mut World) -> Result<(), CheckpointError> {
    Ok(())
}

/// Encodes any serialisable value as section bytes.
pub fn encode<T: Serialize>(section: &str, value: &T) -> Result<Vec<u8>, CheckpointError> {
    postcard::to_allocvec(value).map_err(|e| CheckpointError::section(section, e))
}

/// Decodes section bytes into a value.
pub fn decode<T: DeserializeOwned>(section: &str, bytes: &[u8]) -> Result<T, CheckpointError> {
    postcard::from_bytes(bytes).map_err(|e| CheckpointError::section(section, e))
}

fn save_resource<R: Resource + Serialize>(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let name = std::any::type_name::<R>();
    let resource = world
        .get_resource::<R>()
        .ok_or_else(|| CheckpointError::section(name, "resource missing"))?;
    encode(name, resource)
}

fn load_resource<R: Resource + DeserializeOwned>(
    world: &mut World,
    bytes: &[u8],
) -> Result<(), CheckpointError> {
    let value: R = decode(std::any::type_name::<R>(), bytes)?;
    world.insert_resource(value);
    Ok(())
}

/// The sections of a checkpoint file, read but not yet applied.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckpointFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// `(name, bytes)` in file order.
    pub sections: Vec<(String, Vec<u8>)>,
}

impl CheckpointFile {
    /// The bytes of a section, or a [`CheckpointError::MissingSection`].
    pub fn section(&self, name: &str) -> Result<&[u8], CheckpointError> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, bytes)| bytes.as_slice())
            .ok_or_else(|| CheckpointError::MissingSection {
                path: self.path.clone(),
                section: name.to_owned(),
                present: self
                    .sections
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// Writes the state of every registered section to `path`, atomically.
pub fn save_checkpoint(world: &World, path: &Path) -> Result<(), CheckpointError> {
    let registry = world.resource::<CheckpointRegistry>();
    let mut sections = Vec::with_capacity(registry.sections.len());
    for section in &registry.sections {
        sections.push((section.name.to_owned(), (section.save)(world)?));
    }
    let payload = encode("checkpoint", &sections)?;
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    write_atomically(path, &bytes).map_err(|source| CheckpointError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Reads and verifies a checkpoint file without applying it.
pub fn read_checkpoint(path: &Path) -> Result<CheckpointFile, CheckpointError> {
    let bytes = std::fs::read(path).map_err(|source| CheckpointError::Io {
        path: path.to_owned(),
        source,
    })?;
    let path_buf = path.to_owned();
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(CheckpointError::Foreign { path: path_buf });
    }
    if bytes.len() < HEADER_LEN {
        return Err(CheckpointError::Truncated {
            path: path_buf,
            expected: HEADER_LEN as u64,
            found: bytes.len() as u64,
        });
    }
    let field = |at: usize, len: usize| &bytes[at..at + len];
    let version = u32::from_le_bytes(field(16, 4).try_into().unwrap_or_default());
    if version != FORMAT_VERSION {
        return Err(CheckpointError::Version {
            path: path_buf,
            found: version,
        });
    }
    let payload_len = u64::from_le_bytes(field(20, 8).try_into().unwrap_or_default());
    let checksum = u32::from_le_bytes(field(28, 4).try_into().unwrap_or_default());
    let expected = HEADER_LEN as u64 + payload_len;
    if (bytes.len() as u64) < expected {
        return Err(CheckpointError::Truncated {
            path: path_buf,
            expected,
            found: bytes.len() as u64,
        });
    }
    let payload = &bytes[HEADER_LEN..expected as usize];
    if crc32fast::hash(payload) != checksum || bytes.len() as u64 != expected {
        return Err(CheckpointError::Corrupted { path: path_buf });
    }
    let sections = decode("checkpoint", payload)?;
    Ok(CheckpointFile {
        path: path_buf,
        sections,
    })
}

/// Applies every registered section from `file` to `world`, in registration order.
pub fn restore_checkpoint(world: &mut World, file: &CheckpointFile) -> Result<(), CheckpointError> {
    let loaders: Vec<(&'static str, LoadSection, Option<AbsentSection>)> = world
        .resource::<CheckpointRegistry>()
        .sections
        .iter()
        .map(|s| (s.name, s.load, s.absent))
        .collect();
    for (name, load, absent) in loaders {
        let present = file.sections.iter().any(|(n, _)| n == name);
        match (present, absent) {
            (false, Some(absent)) => absent(world)?,
            _ => load(world, file.section(name)?)?,
        }
    }
    Ok(())
}
