"""Reading a table as the app does (benches/peers' scikit-learn peers): numeric features with
the class last, gzip and a header line optional. Returns the features and the classes."""
import gzip

import numpy as np


def read_table(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt") as f:
        lines = [l.strip() for l in f if l.strip()]
    try:
        [float(v) for v in lines[0].split(",")]
    except ValueError:
        lines = lines[1:]
    data = np.array([[float(v) for v in l.split(",")] for l in lines])
    return data[:, :-1], data[:, -1].astype(int)
