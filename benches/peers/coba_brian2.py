"""COBA benchmark in Brian2, C++ standalone mode, one thread: the peer of benches/coba.rs.

Same network as scenes/coba.ron (see ../shared/BENCHMARKS.md). Prints one JSON line:
{"run_seconds": simulation run time without compilation, "rate_hz": mean rate,
 "synapses": number of synapses}.
Usage: python3 coba_brian2.py SIMULATED_SECONDS BUILD_DIR [SEED]
"""

import json
import sys

from brian2 import (
    NeuronGroup, Synapses, SpikeMonitor, defaultclock, device, ms, mV, nS, pF, prefs, run,
    set_device, seed,
)

duration_s = float(sys.argv[1])
build_dir = sys.argv[2]
set_device("cpp_standalone", directory=build_dir, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
defaultclock.dt = 0.1 * ms

taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El, Ee, Ei = -50 * mV, -60 * mV, -60 * mV, 0 * mV, -80 * mV
gl = 10 * nS
C = 200 * pF
we, wi = 6 * nS, 67 * nS

eqs = """
dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v)) / C : volt (unless refractory)
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens
"""
P = NeuronGroup(4000, eqs, threshold="v>Vt", reset="v=Vr", refractory=5 * ms, method="euler")
P.v = "Vr + rand() * (Vt - Vr)"
P.ge = "clip((randn() * 1.5 + 4) * 10 * nS, 0*nS, 1*siemens)"
P.gi = "clip((randn() * 12 + 20) * 10 * nS, 0*nS, 1*siemens)"
Pe, Pi = P[:3200], P[3200:]
Ce = Synapses(Pe, P, on_pre="ge += we")
Ci = Synapses(Pi, P, on_pre="gi += wi")
Ce.connect(p=0.02)
Ci.connect(p=0.02)
spikes = SpikeMonitor(P, record=False)
run(duration_s * 1000 * ms)
device.build(directory=build_dir, compile=True, run=True, debug=False, clean=True)
print(json.dumps({
    "run_seconds": float(device._last_run_time),
    "rate_hz": float(spikes.num_spikes) / 4000 / duration_s,
    "synapses": int(len(Ce) + len(Ci)),
}))
