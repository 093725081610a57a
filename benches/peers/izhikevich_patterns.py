"""Reference spike trains of Izhikevich's named firing patterns, computed with Brian2.

Each pattern (Izhikevich 2003, Fig. 2 parameters) gets a constant input I = 10 for 300 ms,
dt = 0.1 ms, forward Euler, v0 = -65 mV, u0 = b*v0. Prints, per pattern, the spike count and
the first five interspike intervals (ms): the reference that
plugins/spiking/tests/izhikevich.rs checks against.
Usage: python3 izhikevich_patterns.py
"""

from brian2 import NeuronGroup, SpikeMonitor, defaultclock, ms, prefs, run, start_scope

prefs.codegen.target = "numpy"
PATTERNS = {
    "RegularSpiking": (0.02, 0.2, -65, 8),
    "IntrinsicallyBursting": (0.02, 0.2, -55, 4),
    "Chattering": (0.02, 0.2, -50, 2),
    "FastSpiking": (0.1, 0.2, -65, 2),
    "LowThresholdSpiking": (0.02, 0.25, -65, 2),
    "ThalamoCortical": (0.02, 0.25, -65, 0.05),
    "Resonator": (0.1, 0.26, -65, 2),
}
for name, (a, b, c, d) in PATTERNS.items():
    start_scope()
    defaultclock.dt = 0.1 * ms
    eqs = """
    dv/dt = (0.04*v**2 + 5*v + 140 - u + I) / ms : 1
    du/dt = a*(b*v - u) / ms : 1
    I : 1
    """
    group = NeuronGroup(1, eqs, threshold="v >= 30", reset=f"v = {c}; u += {d}", method="euler",
                        namespace={"a": a, "b": b})
    group.v = -65
    group.u = b * -65
    group.I = 10
    spikes = SpikeMonitor(group)
    run(300 * ms)
    times = [float(t / ms) for t in spikes.t]
    isis = [round(t1 - t0, 1) for t0, t1 in zip(times, times[1:])][:5]
    print(f"{name}: count {len(times)}, first spike {times[0] if times else None}, ISIs {isis}")
