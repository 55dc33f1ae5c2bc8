#!/usr/bin/env python3
"""Keras training/inference throughput on the same models, batch and machine as `convlab-cli bench`,
with TensorFlow limited to one intra-op and one inter-op thread (the engine runs on one thread).
Prints one JSON line per model, shaped like convlab-cli bench's. Run: scripts/keras_bench.sh"""
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

threads = int(os.environ.get("KERAS_THREADS", "1"))
tf.config.threading.set_intra_op_parallelism_threads(threads)
tf.config.threading.set_inter_op_parallelism_threads(threads)
import keras  # noqa: E402


def seed_model():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(30, 3, activation="relu"),
        keras.layers.MaxPooling2D(2, 2, padding="same"),
        keras.layers.Conv2D(60, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2, 2, padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(500, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def lenet_shaped():
    """LeNet-5's shapes with Keras's stock layers: full C3 and average pooling stand in for the
    paper's partial table and trainable subsampling, which Keras lacks (slightly more work than ours)."""
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.ZeroPadding2D(2),
        keras.layers.Conv2D(6, 5, activation="tanh"),
        keras.layers.AveragePooling2D(2),
        keras.layers.Conv2D(16, 5, activation="tanh"),
        keras.layers.AveragePooling2D(2),
        keras.layers.Conv2D(120, 5, activation="tanh"),
        keras.layers.Flatten(),
        keras.layers.Dense(84, activation="tanh"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def bench(name, model, steps, batch):
    model.compile(optimizer=keras.optimizers.RMSprop(1e-4), loss="categorical_crossentropy")
    x = np.random.default_rng(1).uniform(0, 1, (batch, 28, 28, 1)).astype(np.float32)
    y = keras.utils.to_categorical(np.arange(batch) % 10, 10)
    for _ in range(2):
        model.train_on_batch(x, y)
    t = time.perf_counter()
    for _ in range(steps):
        model.train_on_batch(x, y)
    train = steps * batch / (time.perf_counter() - t)
    one = x[:1]
    model.predict_on_batch(one)
    t = time.perf_counter()
    for _ in range(20):
        model.predict_on_batch(one)
    infer_ms = (time.perf_counter() - t) * 1000 / 20
    print(json.dumps({"model": name, "framework": f"keras {keras.__version__} / tf {tf.__version__}", "threads": threads,
                      "train_samples_per_s": round(train, 1), "infer_ms_batch1": round(infer_ms, 3), "batch": batch}))


steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
bench("seed", seed_model(), steps, 128)
bench("lenet5", lenet_shaped(), steps, 128)
