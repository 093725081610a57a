//! Checks of a network as a whole, before anything is spawned: unique region names,
//! projections between existing regions, targets that can receive, sizes that fit the
//! connectivity, and Dale's law where a region declares it. Errors name the projection.

use crate::error::{InvalidParam, SpikingError};
use crate::models::NeuronModel;
use crate::network::memory::{available_memory, check_memory};
use crate::network::spec::{ProjectionSpec, RegionSpec, SpikingNetworkSpec};
use crate::synapses::delay::Receptor;
use crate::synapses::projection::Connectivity;

/// Checks cross-references between regions and projections without spawning anything.
pub fn check_network(
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
) -> Result<(), SpikingError> {
    for (i, region) in regions.iter().enumerate() {
        if regions[..i].iter().any(|r| r.name == region.name) {
            return Err(SpikingError::DuplicateRegion(region.name.clone()));
        }
    }
    for (i, region) in regions.iter().enumerate() {
        if let Some(release) = region.releases
            && let Some(other) = regions[..i].iter().find(|r| {
                r.releases
                    .is_some_and(|o| o.modulator == release.modulator && o.tau_ms != release.tau_ms)
            })
        {
            return Err(SpikingError::ReleaseDecayDiffers(
                other.name.clone(),
                region.name.clone(),
                release.modulator,
            ));
        }
    }
    let mut critics = regions.iter().filter(|r| r.critic.is_some());
    if let (Some(first), Some(second)) = (critics.next(), critics.next()) {
        return Err(SpikingError::TwoCritics(
            first.name.clone(),
            second.name.clone(),
        ));
    }
    let find = |index: usize, name: &str| {
        regions
            .iter()
            .find(|r| r.name == name)
            .ok_or_else(|| SpikingError::UnknownRegion {
                index,
                name: name.to_owned(),
                known: regions
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    };
    for (index, p) in projections.iter().enumerate() {
        let from = find(index, &p.from)?;
        let to = find(index, &p.to)?;
        if let Some(declared) = from.dale {
            check_dale(index, from, declared, p)?;
        }
        if to.model.is_source() {
            return Err(SpikingError::TargetCannotReceive {
                index,
                name: to.name.clone(),
            });
        }
        if matches!(to.model, NeuronModel::Coba(_)) && p.weight.minimum() < 0.0 {
            return Err(SpikingError::NegativeConductance {
                index,
                name: to.name.clone(),
            });
        }
        match p.connectivity {
            Connectivity::OneToOne if from.size != to.size => {
                return Err(SpikingError::OneToOneSizeMismatch {
                    index,
                    from: from.name.clone(),
                    from_size: from.size,
                    to: to.name.clone(),
                    to_size: to.size,
                });
            }
            Connectivity::LateralInhibition if from.size != to.size => {
                return Err(SpikingError::LateralInhibitionSizeMismatch {
                    index,
                    from: from.name.clone(),
                    from_size: from.size,
                    to: to.name.clone(),
                    to_size: to.size,
                });
            }
            Connectivity::FixedInDegree(k) if k > from.size => {
                return Err(SpikingError::InDegreeTooLarge {
                    index,
                    in_degree: k,
                    from: from.name.clone(),
                    size: from.size,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks projection `p` (number `index`) from `from`, declared `declared`, against Dale's law.
fn check_dale(
    index: usize,
    from: &RegionSpec,
    declared: Receptor,
    p: &ProjectionSpec,
) -> Result<(), SpikingError> {
    let problem = if p.receptor != declared {
        Some(format!("it uses receptor {:?}", p.receptor))
    } else if p.weight.minimum() < 0.0 {
        Some(format!(
            "its initial weights {:?} can be negative",
            p.weight
        ))
    } else {
        p.plasticity
            .weight_floor()
            .filter(|&floor| floor < 0.0)
            .map(|floor| format!("its plasticity lets weights fall to w_min = {floor}"))
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(SpikingError::DaleViolation {
            index,
            from: from.name.clone(),
            declared,
            problem,
        }),
    }
}

/// Checks a whole network before anything is spawned: each region's and projection's own
/// values, then the cross-references, then whether this machine has the memory for it
/// ([`crate::network::memory`]). The error names the field from the scene's top level
/// (`regions[1].model.Lif.tau_m_ms`, `projections[0].to`).
pub fn validate_network(network: &SpikingNetworkSpec) -> Result<(), InvalidParam> {
    for (i, region) in network.regions.iter().enumerate() {
        region
            .validate()
            .map_err(|e| e.within(&format!("regions[{i}]")))?;
    }
    for (i, projection) in network.projections.iter().enumerate() {
        projection
            .validate()
            .map_err(|e| e.within(&format!("projections[{i}]")))?;
    }
    check_network(&network.regions, &network.projections).map_err(|e| InvalidParam {
        field: error_field(network, &e),
        message: e.to_string(),
    })?;
    check_memory(network, available_memory())
}

/// The position of the region called `name` (0 if there is none).
fn region_index(network: &SpikingNetworkSpec, name: &str) -> usize {
    network
        .regions
        .iter()
        .position(|r| r.name == name)
        .unwrap_or(0)
}

/// The field a cross-reference error is about.
fn error_field(network: &SpikingNetworkSpec, error: &SpikingError) -> String {
    match error {
        SpikingError::UnknownRegion { index, name, .. } => {
            let end = if network.projections[*index].from == *name {
                "from"
            } else {
                "to"
            };
            format!("projections[{index}].{end}")
        }
        SpikingError::DuplicateRegion(name) => {
            let second = network
                .regions
                .iter()
                .enumerate()
                .filter(|(_, r)| r.name == *name)
                .nth(1)
                .map_or(0, |(i, _)| i);
            format!("regions[{second}].name")
        }
        SpikingError::TwoCritics(_, second) => {
            format!("regions[{}].critic", region_index(network, second))
        }
        SpikingError::ReleaseDecayDiffers(_, second, _) => {
            format!("regions[{}].releases.tau_ms", region_index(network, second))
        }
        SpikingError::TargetCannotReceive { index, .. } => format!("projections[{index}].to"),
        SpikingError::NegativeConductance { index, .. } => format!("projections[{index}].weight"),
        SpikingError::DaleViolation { index, problem, .. } => {
            let field = if problem.contains("receptor") {
                "receptor"
            } else if problem.contains("plasticity") {
                "plasticity"
            } else {
                "weight"
            };
            format!("projections[{index}].{field}")
        }
        SpikingError::OneToOneSizeMismatch { index, .. }
        | SpikingError::LateralInhibitionSizeMismatch { index, .. }
        | SpikingError::InDegreeTooLarge { index, .. } => {
            format!("projections[{index}].connectivity")
        }
    }
}
