"""Exercises from the notebook "Optimization Methods".

Fill in each function, replacing `raise NotImplementedError` with your code.

When graded, your module runs with the course helpers already bound as globals
(np, math, relu, sigmoid, compute_cost, dictionary_to_vector, vector_to_dictionary,
gradients_to_vector, forward_propagation_n), exactly as in the notebook, so code
pasted from the notebook works unchanged. To run it on your own, import them:
`from grader.course import relu, sigmoid, compute_cost` (and `import math`).

`parameters` holds "W1", "b1", ..., "WL", "bL", so L = len(parameters) // 2.
`grads`, `v` and `s` use the same layers with a "d" in front: "dW1", "db1", ...,
and each entry has the shape of the parameter it belongs to.
"""

import numpy as np


def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of gradient descent.

    For l = 1 .. L:
        Wl = Wl - learning_rate * dWl
        bl = bl - learning_rate * dbl

    Arguments:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"}
    grads -- dict {"dW1", "db1", ..., "dWL", "dbL"}
    learning_rate -- the step size, a float

    Returns:
    parameters -- dict with the updated parameters
    """
    raise NotImplementedError


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle (X, Y) and split it into mini-batches.

    1. np.random.seed(seed); permutation = list(np.random.permutation(m)), m = X.shape[1]
    2. Shuffle the columns of X and of Y with that same permutation, so each example
       stays with its label.
    3. Cut the shuffled data into floor(m / mini_batch_size) complete mini-batches of
       mini_batch_size columns each; if m % mini_batch_size != 0, add one last mini-batch
       with the remaining m % mini_batch_size columns (never an empty one).

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)
    mini_batch_size -- number of examples per mini-batch, an int
    seed -- the random seed, an int

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y) tuples, in order, with shapes
                    (n_x, size) and (1, size)

    The grader checks the contract (a partition of the examples by one shared
    permutation, batch sizes as above) rather than one exact random stream.
    """
    raise NotImplementedError


def initialize_velocity(parameters):
    """The momentum velocity, all zeros.

    For l = 1 .. L:
        v["dWl"] = zeros with the shape of parameters["Wl"]
        v["dbl"] = zeros with the shape of parameters["bl"]

    Arguments:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"}

    Returns:
    v -- dict {"dW1", "db1", ..., "dWL", "dbL"} of zero arrays
    """
    raise NotImplementedError


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    For l = 1 .. L, and the same for b:
        v["dWl"] = beta * v["dWl"] + (1 - beta) * grads["dWl"]
        Wl = Wl - learning_rate * v["dWl"]

    Arguments:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"}
    grads -- dict {"dW1", "db1", ..., "dWL", "dbL"}
    v -- the current velocity, dict with the keys of grads
    beta -- the momentum hyperparameter, a float in [0, 1)
    learning_rate -- the step size, a float

    Returns:
    parameters -- dict with the updated parameters
    v -- dict with the updated velocities
    """
    raise NotImplementedError


def initialize_adam(parameters):
    """Adam's two moving averages, all zeros.

    For l = 1 .. L, v["dWl"], v["dbl"], s["dWl"] and s["dbl"] are zeros with the shape
    of the matching parameter. v and s must hold separate arrays (not the same ones).

    Arguments:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"}

    Returns:
    v -- dict {"dW1", "db1", ...}, the average of the gradients
    s -- dict {"dW1", "db1", ...}, the average of the squared gradients
    """
    raise NotImplementedError


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of Adam.

    For l = 1 .. L, and the same for b:
        v["dWl"] = beta1 * v["dWl"] + (1 - beta1) * grads["dWl"]
        v_corrected["dWl"] = v["dWl"] / (1 - beta1 ** t)
        s["dWl"] = beta2 * s["dWl"] + (1 - beta2) * grads["dWl"] ** 2
        s_corrected["dWl"] = s["dWl"] / (1 - beta2 ** t)
        Wl = Wl - learning_rate * v_corrected["dWl"] / (np.sqrt(s_corrected["dWl"]) + epsilon)

    The update uses the bias-corrected averages; without the correction the first
    steps are far too small, because v and s start at zero.

    Arguments:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"}
    grads -- dict {"dW1", "db1", ..., "dWL", "dbL"}
    v -- the moving average of the gradients, dict with the keys of grads
    s -- the moving average of the squared gradients, dict with the keys of grads
    t -- the number of Adam steps taken so far, counting this one (starts at 1)
    learning_rate -- the step size
    beta1 -- decay of the first moment estimate
    beta2 -- decay of the second moment estimate
    epsilon -- keeps the division away from zero

    Returns, in this order:
    parameters -- dict with the updated parameters
    v -- dict with the updated moving average of the gradients
    s -- dict with the updated moving average of the squared gradients
    v_corrected -- dict with the bias-corrected v
    s_corrected -- dict with the bias-corrected s
    """
    raise NotImplementedError


def update_lr(learning_rate0, epoch_num, decay_rate):
    """Learning rate decay at every epoch.

    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)

    Arguments:
    learning_rate0 -- the initial learning rate
    epoch_num -- the epoch number, an int
    decay_rate -- the decay rate, a float

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    raise NotImplementedError


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Learning rate decay in steps, once every time_interval epochs.

    learning_rate = learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))

    Use floor (np.floor or math.floor), not round: epoch 1700 with time_interval 1000 is
    still in the second interval, so it divides by 1 + decay_rate * 1.

    Arguments:
    learning_rate0 -- the initial learning rate
    epoch_num -- the epoch number, an int
    decay_rate -- the decay rate, a float
    time_interval -- the number of epochs between two decays

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    raise NotImplementedError
