"""The logistic-regression peer of benches/table_baseline.rs: scikit-learn's
LogisticRegression() with its defaults (L2, C = 1, lbfgs) on standardised features.

usage: python3 logistic_sklearn.py TABLE.csv[.gz]   (stdin: one split per line, the test
rows as space-separated indices; stdout: one test accuracy per line)
"""
import sys

import numpy as np
from table_csv import read_table
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

path = sys.argv[1]
x, y = read_table(path)
for split in sys.stdin:
    test = np.array([int(i) for i in split.split()])
    train = np.setdiff1d(np.arange(len(y)), test)
    scaler = StandardScaler().fit(x[train])
    model = LogisticRegression(max_iter=10000).fit(scaler.transform(x[train]), y[train])
    print(model.score(scaler.transform(x[test]), y[test]))
