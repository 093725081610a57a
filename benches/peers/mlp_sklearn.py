"""The MLP peer of benches/damage_and_few_shot.rs: scikit-learn's MLPClassifier with one hidden
layer (ReLU, Adam, L2 1e-4), on features standardised by its training rows.

usage: python3 mlp_sklearn.py TABLE.csv[.gz] HIDDEN
stdin: one job per line, JSON {"seed": s, "train": [rows], "test": [rows], "lesions": [shares]}
stdout: one line per job, the test accuracy after removing each share of the hidden units
(their incoming and outgoing weights set to 0; the units drawn from the seed, each share's
units containing the smaller share's).
"""
import json
import sys
import warnings

import numpy as np
from table_csv import read_table
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)

path, hidden = sys.argv[1], int(sys.argv[2])
x, y = read_table(path)
for line in sys.stdin:
    job = json.loads(line)
    train, test = np.array(job["train"]), np.array(job["test"])
    scaler = StandardScaler().fit(x[train])
    model = MLPClassifier(hidden_layer_sizes=(hidden,), max_iter=2000, random_state=job["seed"])
    model.fit(scaler.transform(x[train]), y[train])
    order = np.random.default_rng(job["seed"]).permutation(hidden)
    weights = [w.copy() for w in model.coefs_]
    accuracies = []
    for share in job["lesions"]:
        removed = order[: int(round(share * hidden))]
        model.coefs_[0] = weights[0].copy()
        model.coefs_[1] = weights[1].copy()
        model.coefs_[0][:, removed] = 0.0
        model.coefs_[1][removed, :] = 0.0
        accuracies.append(model.score(scaler.transform(x[test]), y[test]))
    print(" ".join(str(a) for a in accuracies), flush=True)
