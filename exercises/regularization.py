"""Exercises from the notebook "Regularization".

Fill in each function, replacing `raise NotImplementedError` with your code.

When graded, your module runs with the course helpers already bound as globals
(np, math, relu, sigmoid, compute_cost, dictionary_to_vector, vector_to_dictionary,
gradients_to_vector, forward_propagation_n), exactly as in the notebook, so code
pasted from the notebook works unchanged. To run it on your own, import them:
`from grader.course import relu, sigmoid, compute_cost`.

The network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, with
X of shape (n_x, m), Y of shape (1, m), and parameters W1 (n1, n_x), b1 (n1, 1),
W2 (n2, n1), b2 (n2, 1), W3 (1, n2), b3 (1, 1).

Caches are tuples, in this order:
    without dropout: (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    with dropout:    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)

Both backward functions return a dict with exactly these 11 keys:
    "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"
each the same shape as the quantity it is the gradient of. As in the course,
dZ3 = A3 - Y is not divided by m; the 1/m appears in every dW and db.
"""

import numpy as np


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy cost plus the L2 regularization cost.

    cost = compute_cost(A3, Y) + lambd / (2 * m) * (sum of the squares of every entry
           of W1, W2 and W3)

    where m = Y.shape[1]. Biases are not regularized. np.sum(np.square(W1)) gives the
    sum of squares of one matrix.

    Arguments:
    A3 -- sigmoid output of forward propagation, shape (1, m)
    Y -- true labels, shape (1, m)
    parameters -- dict with "W1", "b1", "W2", "b2", "W3", "b3"
    lambd -- regularization hyperparameter, a float

    Returns:
    cost -- the regularized cost, a float
    """
    raise NotImplementedError


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Backward propagation of the 3-layer network with the L2 term added.

    Same as plain backward propagation, except each weight gradient gains the
    derivative of the L2 term, (lambd / m) * W:
        dZ3 = A3 - Y
        dW3 = 1/m * dZ3 . A2^T + (lambd / m) * W3
        db3 = 1/m * (sum of dZ3 over the examples, axis=1, keepdims=True)
        dA2 = W3^T . dZ3
        dZ2 = dA2 * relu'(Z2), where relu'(Z2) is np.int64(A2 > 0)
        dW2 = 1/m * dZ2 . A1^T + (lambd / m) * W2
        db2 = 1/m * (sum of dZ2, axis=1, keepdims=True)
        dA1 = W2^T . dZ2
        dZ1 = dA1 * np.int64(A1 > 0)
        dW1 = 1/m * dZ1 . X^T + (lambd / m) * W1
        db1 = 1/m * (sum of dZ1, axis=1, keepdims=True)
    with m = X.shape[1].

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)
    cache -- (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) from forward propagation
    lambd -- regularization hyperparameter, a float

    Returns:
    gradients -- dict with the 11 keys dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1
    """
    raise NotImplementedError


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    """Forward propagation with (inverted) dropout on the two hidden layers.

    Call np.random.seed(1) first. For hidden layer 1 (then the same for layer 2):
        Z1 = W1 . X + b1
        A1 = relu(Z1)
        D1 = np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob, as 0/1 integers
             (each unit is kept with probability keep_prob)
        A1 = A1 * D1          shut down the dropped units
        A1 = A1 / keep_prob   scale up the rest so the expected value is unchanged
    The output layer has no dropout: Z3 = W3 . A2 + b3, A3 = sigmoid(Z3).

    Arguments:
    X -- input data, shape (n_x, m)
    parameters -- dict with "W1", "b1", "W2", "b2", "W3", "b3"
    keep_prob -- probability of keeping a hidden unit, a float in (0, 1]

    Returns:
    A3 -- output of the network, shape (1, m)
    cache -- the 14-element tuple (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3),
             where A1 and A2 are the values after dropout and scaling, and D1, D2 have the
             shapes of A1, A2

    The grader checks the contract (binary masks kept at a rate near keep_prob, outputs
    consistent with the cache) rather than one exact random stream.
    """
    raise NotImplementedError


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Backward propagation of the 3-layer network with dropout.

    Apply the forward pass's masks and scaling to the activation gradients:
        dZ3 = A3 - Y
        dW3 = 1/m * dZ3 . A2^T
        db3 = 1/m * (sum of dZ3, axis=1, keepdims=True)
        dA2 = W3^T . dZ3, then dA2 = dA2 * D2, then dA2 = dA2 / keep_prob
        dZ2 = dA2 * np.int64(A2 > 0)
        dW2 = 1/m * dZ2 . A1^T
        db2 = 1/m * (sum of dZ2, axis=1, keepdims=True)
        dA1 = W2^T . dZ2, then dA1 = dA1 * D1, then dA1 = dA1 / keep_prob
        dZ1 = dA1 * np.int64(A1 > 0)
        dW1 = 1/m * dZ1 . X^T
        db1 = 1/m * (sum of dZ1, axis=1, keepdims=True)
    with m = X.shape[1]. dA1 and dA2 in the returned dict are the masked, scaled ones.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)
    cache -- (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) from
             forward_propagation_with_dropout
    keep_prob -- the probability of keeping a hidden unit used in the forward pass

    Returns:
    gradients -- dict with the 11 keys dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1
    """
    raise NotImplementedError
