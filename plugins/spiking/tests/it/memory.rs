//! A network the machine cannot hold is refused before anything is allocated, naming the
//! region or projection, the memory it needs and the memory available.

use neurarium_spiking::network::memory::{NEURON_BYTES, check_memory};
use neurarium_spiking::prelude::{ProjectionSpec, RegionSpec, SpikingNetworkSpec};
use neurarium_spiking::synapses::projection::Connectivity;

fn region(name: &str, size: u32) -> RegionSpec {
    RegionSpec {
        name: name.to_owned(),
        size,
        ..Default::default()
    }
}

fn network(size: u32, connectivity: Connectivity) -> SpikingNetworkSpec {
    SpikingNetworkSpec {
        regions: vec![region("input", 100), region("cortex", size)],
        projections: vec![ProjectionSpec {
            from: "input".to_owned(),
            to: "cortex".to_owned(),
            connectivity,
            ..Default::default()
        }],
    }
}

const GB: u64 = 1_000_000_000;

#[test]
fn a_region_too_large_for_the_memory_is_named_with_both_figures() {
    let huge = network(4_000_000_000, Connectivity::OneToOne);
    let error = check_memory(&huge, Some(20 * GB)).unwrap_err();
    assert_eq!(error.field, "regions[1].size");
    let needs = 4e9 * NEURON_BYTES / 1e9;
    for needle in [
        "region 'cortex' (4,000,000,000 neurons)",
        &format!("needs about {needs:.1} GB"),
        "20.0 GB available",
    ] {
        assert!(error.message.contains(needle), "'{needle}' in: {error}");
    }
}

#[test]
fn a_projection_too_large_for_the_memory_is_named() {
    let dense = network(100_000, Connectivity::AllToAll);
    // 100 · 100,000 synapses = 80 MB: fits 1 GB, not 50 MB.
    check_memory(&dense, Some(GB)).unwrap();
    let error = check_memory(&dense, Some(50_000_000)).unwrap_err();
    assert_eq!(error.field, "projections[0].connectivity");
    assert!(
        error
            .message
            .contains("projection 0 'input' → 'cortex' (about 10,000,000 synapses)"),
        "{error}"
    );
    assert!(error.message.contains("50.0 MB available"), "{error}");
}

#[test]
fn parts_that_fit_alone_but_not_together_are_refused_in_all() {
    let both = network(500_000, Connectivity::FixedInDegree(7));
    // 32 MB of neurons, 3.5 million synapses (28 MB): each fits 50 MB, together they do not.
    let error = check_memory(&both, Some(50_000_000)).unwrap_err();
    assert!(error.message.contains("in all"), "{error}");
    assert_eq!(error.field, "regions[1].size", "the largest part is named");
}

#[test]
fn more_synapses_than_one_projection_can_index_are_refused_whatever_the_memory() {
    let dense = network(100_000_000, Connectivity::FixedProbability(0.5));
    let error = check_memory(&dense, None).unwrap_err();
    assert_eq!(error.field, "projections[0].connectivity");
    assert!(
        error.message.contains("more than one projection can hold"),
        "{error}"
    );
    check_memory(&network(1000, Connectivity::FixedProbability(0.5)), None).unwrap();
}
