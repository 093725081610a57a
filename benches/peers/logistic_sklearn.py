"""The logistic-regression peer of benches/table_baseline.rs: scikit-learn's
LogisticRegression() with its defaults (L2, C = 1, lbfgs) on standardised features.

usage: python3 logistic_sklearn.py TABLE.csv[.gz]   (stdin: one split per line, the test
rows as space-separated indices; stdout: one test accuracy per line)
"""
import gzip
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

path = sys.argv[1]
opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
with opener(path, "rt") as f:
    lines = [l.strip() for l in f if l.strip()]
try:
    [float(v) for v in lines[0].split(",")]
except ValueError:
    lines = lines[1:]
data = np.array([[float(v) for v in l.split(",")] for l in lines])
x, y = data[:, :-1], data[:, -1].astype(int)
for split in sys.stdin:
    test = np.array([int(i) for i in split.split()])
    train = np.setdiff1d(np.arange(len(y)), test)
    scaler = StandardScaler().fit(x[train])
    model = LogisticRegression(max_iter=10000).fit(scaler.transform(x[train]), y[train])
    print(model.score(scaler.transform(x[test]), y[test]))
