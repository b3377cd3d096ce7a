# exercise: compute_cost_with_regularization
# expect: failed
# why: leaves W3 out of the penalty; every layer's weights are regularized
# named: the L2 term leaves out W3
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (1 / m) * (lambd / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
