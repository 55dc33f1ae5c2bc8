#!/usr/bin/env python3
"""Writes assets/samples/train-{images,labels}-500.idx.gz: the first 50 training images of each digit
in MNIST's training set (data/mnist, from `make data`), in training-set order. The page compares a
drawing with them, as the network in use sees them (src/engine/nn/nearest.rs). gzip without a name
or time, so the bytes depend only on the data."""
import gzip, os, struct

root = os.path.join(os.path.dirname(__file__), "..")
images = open(os.path.join(root, "data/mnist/train-images-idx3-ubyte"), "rb").read()[16:]
labels = open(os.path.join(root, "data/mnist/train-labels-idx1-ubyte"), "rb").read()[8:]
PER_DIGIT = 50
chosen, seen = [], [0] * 10
for i, label in enumerate(labels):
    if seen[label] < PER_DIGIT:
        seen[label] += 1
        chosen.append(i)
n = len(chosen)
img = struct.pack(">IIII", 0x803, n, 28, 28) + b"".join(images[i * 784:(i + 1) * 784] for i in chosen)
lab = struct.pack(">II", 0x801, n) + bytes(labels[i] for i in chosen)
for name, data in (("train-images-500.idx.gz", img), ("train-labels-500.idx.gz", lab)):
    with open(os.path.join(root, "assets/samples", name), "wb") as f:
        f.write(gzip.compress(data, 9, mtime=0))
print(f"{n} images")
