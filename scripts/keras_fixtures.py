#!/usr/bin/env python3
"""Writes Keras parity fixtures for the engine's tests (tests/keras_parity.rs).

Keras is the source article's framework, so it is the reference: for each case this records inputs,
weights, outputs and gradients (and, for training, a few optimizer steps) as JSON in PyTorch/NCHW
layout, the engine's own. Run with Keras 3 on tensorflow-cpu 2.21.0 (scripts/keras_fixtures.sh sets up
a venv); the fixtures are committed, so the tests need neither Python nor TensorFlow.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "keras")
rng = np.random.default_rng(20261127)


def t(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def nhwc_to_nchw(a):
    return np.transpose(a, (0, 3, 1, 2))


def nchw_to_nhwc(a):
    return np.transpose(a, (0, 2, 3, 1))


def save(name, payload):
    payload["keras_version"] = keras.__version__
    payload["tensorflow_version"] = tf.__version__
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(payload, f, separators=(",", ":"))
    print("wrote", name)


def grads_of(layer, x_nchw):
    """Output, and gradients of sum(output * r) for a fixed random r, w.r.t. input and weights."""
    x = tf.Variable(nchw_to_nhwc(x_nchw))
    with tf.GradientTape() as tape:
        y = layer(x)
        r = tf.constant(rng.uniform(-1, 1, y.shape).astype(np.float32))
        loss = tf.reduce_sum(y * r)
    grads = tape.gradient(loss, [x] + layer.trainable_weights)
    return y.numpy(), r.numpy(), grads


def conv_case(name, c, o, h, w, k, strides, padding, dilation):
    x = rng.uniform(-1, 1, (2, c, h, w)).astype(np.float32)
    layer = keras.layers.Conv2D(o, k, strides=strides, padding=padding, dilation_rate=dilation)
    layer.build((None, h, w, c))
    layer.set_weights([rng.uniform(-0.5, 0.5, (k[0], k[1], c, o)).astype(np.float32), rng.uniform(-0.1, 0.1, o).astype(np.float32)])
    y, r, (dx, dk, db) = grads_of(layer, x)
    kernel = layer.get_weights()[0]
    save(name, {
        "kind": "conv2d", "kernel": list(k), "stride": list(strides), "padding": padding, "dilation": list(dilation),
        "in_channels": c, "out_channels": o,
        "input": t(x), "weight": t(np.transpose(kernel, (3, 2, 0, 1))), "bias": t(layer.get_weights()[1]),
        "output": t(nhwc_to_nchw(y)), "r": t(nhwc_to_nchw(r)),
        "grad_input": t(nhwc_to_nchw(dx.numpy())), "grad_weight": t(np.transpose(dk.numpy(), (3, 2, 0, 1))), "grad_bias": t(db.numpy()),
    })


def pool_case(name, cls, size, strides, padding, h, w):
    x = rng.uniform(-1, 1, (2, 3, h, w)).astype(np.float32)
    layer = cls(pool_size=size, strides=strides, padding=padding)
    y, r, (dx,) = grads_of(layer, x)
    save(name, {
        "kind": "max" if cls is keras.layers.MaxPooling2D else "avg", "size": size, "stride": strides, "padding": padding,
        "input": t(x), "output": t(nhwc_to_nchw(y)), "r": t(nhwc_to_nchw(r)), "grad_input": t(nhwc_to_nchw(dx.numpy())),
    })


def dense_case():
    x = rng.uniform(-1, 1, (3, 5)).astype(np.float32)
    layer = keras.layers.Dense(4)
    layer.build((None, 5))
    layer.set_weights([rng.uniform(-0.5, 0.5, (5, 4)).astype(np.float32), rng.uniform(-0.1, 0.1, 4).astype(np.float32)])
    xv = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = layer(xv)
        r = tf.constant(rng.uniform(-1, 1, y.shape).astype(np.float32))
        loss = tf.reduce_sum(y * r)
    dx, dk, db = tape.gradient(loss, [xv] + layer.trainable_weights)
    save("dense", {
        "kind": "dense", "input": t(x), "weight": t(layer.get_weights()[0].T), "bias": t(layer.get_weights()[1]),
        "output": t(y.numpy()), "r": t(r.numpy()), "grad_input": t(dx.numpy()), "grad_weight": t(dk.numpy().T), "grad_bias": t(db.numpy()),
    })


def softmax_ce_case():
    logits = rng.uniform(-3, 3, (4, 10)).astype(np.float32)
    labels = np.array([3, 0, 9, 5])
    lv = tf.Variable(logits)
    with tf.GradientTape() as tape:
        probs = keras.activations.softmax(lv)
        loss = keras.losses.CategoricalCrossentropy()(keras.utils.to_categorical(labels, 10), probs)
    (dl,) = tape.gradient(loss, [lv])
    save("softmax_ce", {"kind": "softmax_ce", "logits": t(logits), "labels": labels.tolist(), "probs": t(probs.numpy()),
                        "loss": float(loss.numpy()), "grad_logits": t(dl.numpy())})


def small_net():
    """Conv2D(2, 3×3, relu) → MaxPool(2, 2, same) → Flatten → Dense(10, softmax) on 8×8×1."""
    return keras.Sequential([
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(2, 3, activation="relu"),
        keras.layers.MaxPooling2D(2, 2, padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ])


def torch_layout(model):
    """The small net's weights as the engine names and lays them out (PyTorch's nn.Sequential)."""
    k, b, dk, db = model.get_weights()
    # Keras flattens H×W×C, PyTorch C×H×W: reorder the dense kernel's input rows.
    h, w, c = 3, 3, 2
    perm = np.arange(h * w * c).reshape(h, w, c).transpose(2, 0, 1).reshape(-1)
    return {"0.weight": t(np.transpose(k, (3, 2, 0, 1))), "0.bias": t(b), "4.weight": t(dk[perm].T), "4.bias": t(db)}


def training_case(name, optimizer, lr):
    keras.utils.set_random_seed(7)
    model = small_net()
    x = rng.uniform(0, 1, (6, 8, 8, 1)).astype(np.float32)
    labels = np.array([0, 3, 7, 3, 9, 1])
    opt = {"rmsprop": keras.optimizers.RMSprop, "adam": keras.optimizers.Adam, "sgd": lambda learning_rate: keras.optimizers.SGD(learning_rate, momentum=0.9)}[optimizer](learning_rate=lr)
    model.compile(optimizer=opt, loss="categorical_crossentropy")
    before = torch_layout(model)
    losses = [float(model.train_on_batch(x, keras.utils.to_categorical(labels, 10))) for _ in range(3)]
    save(name, {"kind": "training", "optimizer": optimizer, "lr": lr, "input": t(nhwc_to_nchw(x)), "labels": labels.tolist(),
                "before": before, "after": torch_layout(model), "losses": losses})


def main():
    os.makedirs(OUT, exist_ok=True)
    conv_case("conv_same_stride", 3, 4, 7, 6, (3, 2), (2, 1), "same", (1, 1))
    conv_case("conv_valid_dilated", 2, 3, 8, 7, (3, 3), (1, 1), "valid", (2, 2))
    conv_case("conv_seed_layer2", 5, 6, 13, 13, (3, 3), (1, 1), "same", (1, 1))
    pool_case("maxpool_valid", keras.layers.MaxPooling2D, 2, 2, "valid", 7, 6)
    pool_case("maxpool_same", keras.layers.MaxPooling2D, 2, 2, "same", 13, 13)
    pool_case("avgpool_valid", keras.layers.AveragePooling2D, 3, 2, "valid", 7, 8)
    pool_case("avgpool_same", keras.layers.AveragePooling2D, 2, 2, "same", 13, 11)
    dense_case()
    softmax_ce_case()
    training_case("train_rmsprop", "rmsprop", 1e-2)
    training_case("train_adam", "adam", 1e-2)
    training_case("train_sgd_momentum", "sgd", 5e-2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
