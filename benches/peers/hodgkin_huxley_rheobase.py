"""Reference for the Hodgkin–Huxley test: rheobase and spike trains in Brian2.

Classic squid-axon model (Hodgkin & Huxley 1952, modern sign convention, rest near −65 mV),
per unit area: C = 1 µF/cm², gNa = 120, gK = 36, gL = 0.3 mS/cm², ENa = 50, EK = −77,
EL = −54.387 mV. A current step of I µA/cm² starts at t = 0 from rest and lasts 100 ms;
exponential Euler, dt = 0.01 ms; a spike is an upward crossing of 0 mV.

Prints: the smallest I (to 0.01) giving at least one spike, the smallest giving at least
three, and (count, first spike time) for I = 10.
Run: python3 benches/peers/hodgkin_huxley_rheobase.py
"""
from brian2 import NeuronGroup, SpikeMonitor, Network, defaultclock, ms, prefs

prefs.codegen.target = "numpy"
defaultclock.dt = 0.01 * ms

EQS = """
dv/dt = (gna*m**3*h*(ena - v) + gk*n**4*(ek - v) + gl*(el - v) + I) / C : 1
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
alpha_m = 0.1*(v + 40)/(1 - exp(-(v + 40)/10)) / ms : Hz
beta_m = 4*exp(-(v + 65)/18) / ms : Hz
alpha_h = 0.07*exp(-(v + 65)/20) / ms : Hz
beta_h = 1/(1 + exp(-(v + 35)/10)) / ms : Hz
alpha_n = 0.01*(v + 55)/(1 - exp(-(v + 55)/10)) / ms : Hz
beta_n = 0.125*exp(-(v + 65)/80) / ms : Hz
I : 1
"""
NS = dict(C=1.0 * ms, gna=120.0, gk=36.0, gl=0.3, ena=50.0, ek=-77.0, el=-54.387)


def steady(rate_a, rate_b):
    return rate_a / (rate_a + rate_b)


def run(currents, duration=100 * ms):
    import numpy as np
    g = NeuronGroup(len(currents), EQS, threshold="v > 0", refractory="v > 0",
                    method="exponential_euler", namespace=NS)
    v0 = -65.0
    am = 0.1 * (v0 + 40) / (1 - np.exp(-(v0 + 40) / 10)); bm = 4 * np.exp(-(v0 + 65) / 18)
    ah = 0.07 * np.exp(-(v0 + 65) / 20); bh = 1 / (1 + np.exp(-(v0 + 35) / 10))
    an = 0.01 * (v0 + 55) / (1 - np.exp(-(v0 + 55) / 10)); bn = 0.125 * np.exp(-(v0 + 65) / 80)
    g.v = v0
    g.m = steady(am, bm); g.h = steady(ah, bh); g.n = steady(an, bn)
    g.I = currents
    mon = SpikeMonitor(g)
    Network(g, mon).run(duration)
    trains = mon.spike_trains()
    return [trains[i] / ms for i in range(len(currents))]


def smallest(min_spikes, lo=0.0, hi=20.0):
    import numpy as np
    # Scan on a grid, then refine: 21 neurons per round.
    for _ in range(4):
        grid = np.linspace(lo, hi, 21)
        counts = [len(t) for t in run(grid)]
        first = next(i for i, c in enumerate(counts) if c >= min_spikes)
        lo, hi = grid[max(first - 1, 0)], grid[first]
    return hi


if __name__ == "__main__":
    print(f"rheobase_single {smallest(1):.3f}")
    print(f"rheobase_repetitive {smallest(3):.3f}")
    t = run([10.0])[0]
    print(f"i10 count {len(t)} first {t[0]:.2f} isi {[round(b - a, 2) for a, b in zip(t, t[1:])][:4]}")
