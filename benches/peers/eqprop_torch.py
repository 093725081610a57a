"""EqProp peer for benches/eqprop_speed.rs: the same network, batch and T/K in PyTorch, CPU, one thread.

Usage: python3 eqprop_torch.py DATA_DIR EPOCHS MODE
  MODE naive:    as a PyTorch user writes it: every relaxation step recomputes every layer's
                 input, the clamped image's x @ W0 included (the peer behind BENCHMARKS.md).
  MODE shortcut: every algorithmic shortcut the Rust code uses: x @ W0 once per batch, shared
                 by the free and the nudged phase.
784-500-10, hard sigmoid, T = 20, K = 4, step 0.5, beta = 0.5 with random sign, batch 20,
learning rates 0.1 and 0.05 (Scellier & Bengio 2017). Prints one line per epoch:
"epoch N seconds S test_accuracy A".
"""
import gzip
import struct
import sys
import time

import torch


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims :]), dtype=torch.uint8).reshape(shape)


def load(data_dir, kind):
    images = idx(f"{data_dir}/mnist9k-{kind}-images-idx3-ubyte.gz").reshape(-1, 784).float() / 255.0
    labels = idx(f"{data_dir}/mnist9k-{kind}-labels-idx1-ubyte.gz").long()
    return images, labels


def main():
    data_dir, epochs, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    torch.set_num_threads(1)
    torch.manual_seed(1)
    x_train, y_train = load(data_dir, "train")
    x_test, y_test = load(data_dir, "test")
    sizes = [784, 500, 10]
    w = [torch.empty(a, b).uniform_(-(6 / (a + b)) ** 0.5, (6 / (a + b)) ** 0.5) for a, b in zip(sizes, sizes[1:])]
    b = [torch.zeros(n) for n in sizes[1:]]
    T, K, eps, beta0, batch, lrs = 20, 4, 0.5, 0.5, 20, [0.1, 0.05]

    def relax(x, h, o, steps, beta=0.0, target=None, drive=None):
        for _ in range(steps):
            into_h = (drive if drive is not None else x @ w[0]) + o @ w[1].t() + b[0]
            into_o = h @ w[1] + b[1]
            new_h = (1 - eps) * h + eps * into_h
            new_o = (1 - eps) * o + eps * into_o
            if beta:
                new_o = new_o + eps * beta * (target - o)
            h, o = new_h.clamp(0, 1), new_o.clamp(0, 1)
        return h, o

    def free(x, drive=None):
        h = torch.zeros(x.shape[0], 500)
        o = torch.zeros(x.shape[0], 10)
        return relax(x, h, o, T, drive=drive)

    with torch.no_grad():
        for epoch in range(1, epochs + 1):
            order = torch.randperm(len(x_train))
            start = time.perf_counter()
            for i in range(0, len(order), batch):
                rows = order[i : i + batch]
                x = x_train[rows]
                target = torch.nn.functional.one_hot(y_train[rows], 10).float()
                drive = x @ w[0] if mode == "shortcut" else None
                h0, o0 = free(x, drive)
                beta = beta0 if torch.rand(1).item() < 0.5 else -beta0
                hb, ob = relax(x, h0, o0, K, beta, target, drive)
                n = x.shape[0]
                w[0] += lrs[0] / beta * x.t() @ (hb - h0) / n
                w[1] += lrs[1] / beta * (hb.t() @ ob - h0.t() @ o0) / n
                b[0] += lrs[0] / beta * (hb - h0).mean(0)
                b[1] += lrs[1] / beta * (ob - o0).mean(0)
            seconds = time.perf_counter() - start
            _, out = free(x_test)
            accuracy = (out.argmax(1) == y_test).float().mean().item()
            print(f"epoch {epoch} seconds {seconds:.3f} test_accuracy {accuracy:.4f}", flush=True)


if __name__ == "__main__":
    main()
