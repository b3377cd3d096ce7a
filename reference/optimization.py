"""Reference solutions for the Optimization Methods notebook.

Update functions build new arrays and return new dicts; the caller's dicts and
arrays are left as they were.
"""

import math

import numpy as np


def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    parameters = dict(parameters)
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]  # the same permutation keeps each example with its label

    mini_batches = []
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        columns = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        mini_batches.append((shuffled_X[:, columns], shuffled_Y[:, columns]))

    if m % mini_batch_size != 0:
        rest = slice(num_complete_minibatches * mini_batch_size, m)
        mini_batches.append((shuffled_X[:, rest], shuffled_Y[:, rest]))
    return mini_batches


def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v[f"dW{l}"] = np.zeros(parameters[f"W{l}"].shape)
        v[f"db{l}"] = np.zeros(parameters[f"b{l}"].shape)
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    parameters, v = dict(parameters), dict(v)
    for l in range(1, L + 1):
        for p in (f"W{l}", f"b{l}"):
            v[f"d{p}"] = beta * v[f"d{p}"] + (1 - beta) * grads[f"d{p}"]  # exponentially weighted average
            parameters[p] = parameters[p] - learning_rate * v[f"d{p}"]
    return parameters, v


def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in (f"W{l}", f"b{l}"):
            v[f"d{p}"] = np.zeros(parameters[p].shape)
            s[f"d{p}"] = np.zeros(parameters[p].shape)  # its own array, not an alias of v's
    return v, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    parameters, v, s = dict(parameters), dict(v), dict(s)
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in (f"W{l}", f"b{l}"):
            g = grads[f"d{p}"]
            v[f"d{p}"] = beta1 * v[f"d{p}"] + (1 - beta1) * g
            s[f"d{p}"] = beta2 * s[f"d{p}"] + (1 - beta2) * np.square(g)
            # Both averages start at zero; dividing by 1 - beta^t removes that bias early on.
            v_corrected[f"d{p}"] = v[f"d{p}"] / (1 - beta1 ** t)
            s_corrected[f"d{p}"] = s[f"d{p}"] / (1 - beta2 ** t)
            step = v_corrected[f"d{p}"] / (np.sqrt(s_corrected[f"d{p}"]) + epsilon)
            parameters[p] = parameters[p] - learning_rate * step
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    # The rate drops in steps: it changes only once every time_interval epochs.
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
