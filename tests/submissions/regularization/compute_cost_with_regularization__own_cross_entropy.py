# exercise: compute_cost_with_regularization
# expect: passed
# why: computes the cross-entropy itself with np.log instead of calling compute_cost
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = A3.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = -1. / m * np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    L2_regularization_cost = 1. / m * lambd / 2 * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
