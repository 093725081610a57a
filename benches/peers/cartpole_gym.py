"""Holds a Neurarium CartPole replay against Gymnasium's CartPole-v1.

    neurarium --no-render --scene scenes/cartpole_random.ron --actions ACTIONS --out DIR
    python3 benches/peers/cartpole_gym.py DIR/states.csv [STEPS]

Reads the replay's start state (row 0) and its actions, sets Gymnasium's CartPole-v1 to that
start, takes the same actions and prints, for the first STEPS steps (default 25: 0.5 s; the
upright pole diverges about as e^{4t}, so longer compares chaos, not physics), the largest
difference of each state value, and Gymnasium's own steps beside Neurarium's for the last one.
"""

import csv
import sys

import gymnasium as gym
import numpy as np


def main():
    path = sys.argv[1]
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    rows = list(csv.DictReader(open(path)))
    names = ["x", "x_dot", "theta", "theta_dot"]
    ours = np.array([[float(r[n]) for n in names] for r in rows])
    actions = [int(r["action"]) for r in rows[1:]]
    env = gym.make("CartPole-v1").unwrapped
    env.reset(seed=0)
    env.state = ours[0].copy()
    theirs = [ours[0].copy()]
    for a in actions[:steps]:
        state, _, _, _, _ = env.step(a)
        theirs.append(np.array(state, dtype=float))
    theirs = np.array(theirs)
    n = len(theirs)
    worst = np.abs(ours[:n] - theirs).max(axis=0)
    print(f"gymnasium {gym.__version__}, {n - 1} steps of {path}")
    print("largest |Neurarium - Gymnasium|: " + ", ".join(f"{k} {v:.5f}" for k, v in zip(names, worst)))
    print("step {}: Neurarium {}  Gymnasium {}".format(n - 1, np.round(ours[n - 1], 5), np.round(theirs[-1], 5)))


if __name__ == "__main__":
    main()
