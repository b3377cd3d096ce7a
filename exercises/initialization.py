"""Exercises from the notebook "Initialization".

Fill in each function, replacing `raise NotImplementedError` with your code.

When graded, your module runs with the course helpers already bound as globals
(np, math, relu, sigmoid, compute_cost, dictionary_to_vector, vector_to_dictionary,
gradients_to_vector, forward_propagation_n), exactly as in the notebook, so code
pasted from the notebook works unchanged. To run it on your own, import them:
`from grader.course import relu, sigmoid, compute_cost`.

`layers_dims` lists the size of every layer, input first: [n_x, n_1, ..., n_L].
Each function returns a dict with, for l = 1 .. L,
    "Wl": array of shape (layers_dims[l], layers_dims[l-1])
    "bl": array of shape (layers_dims[l], 1)
"""

import numpy as np


def initialize_parameters_zeros(layers_dims):
    """Initialize every weight and bias to zero.

    Arguments:
    layers_dims -- list of layer sizes, e.g. [3, 2, 1] for 3 inputs, 2 hidden units, 1 output

    Returns:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"}, with
        Wl = np.zeros((layers_dims[l], layers_dims[l-1]))
        bl = np.zeros((layers_dims[l], 1))

    (All units of a layer then compute the same thing and stay identical during training:
    the notebook uses this to show why symmetry must be broken.)
    """
    raise NotImplementedError


def initialize_parameters_random(layers_dims):
    """Initialize weights to large random values and biases to zero.

    Call np.random.seed(3) first, then for l = 1 .. L in order:
        Wl = np.random.randn(layers_dims[l], layers_dims[l-1]) * 10
        bl = np.zeros((layers_dims[l], 1))

    Arguments:
    layers_dims -- list of layer sizes [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"} with the shapes above

    The grader checks the contract (shapes, zero biases, weights with standard deviation
    about 10) rather than one exact random stream.
    """
    raise NotImplementedError


def initialize_parameters_he(layers_dims):
    """He initialization: random weights scaled by sqrt(2 / size of the previous layer).

    Call np.random.seed(3) first, then for l = 1 .. L in order:
        Wl = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2 / layers_dims[l-1])
        bl = np.zeros((layers_dims[l], 1))

    The factor keeps the variance of relu activations roughly constant from layer to
    layer. (sqrt(1 / layers_dims[l-1]) is Xavier initialization, a different method.)

    Arguments:
    layers_dims -- list of layer sizes [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dict {"W1", "b1", ..., "WL", "bL"} with the shapes above
    """
    raise NotImplementedError
