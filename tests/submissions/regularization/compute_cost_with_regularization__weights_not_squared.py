# exercise: compute_cost_with_regularization
# expect: failed
# why: sums the weights instead of their squares (an L1-like sum with signs, not the L2 norm)
# named: the L2 term sums the weights without squaring them
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (1 / m) * (lambd / 2) * (np.sum(W1) + np.sum(W2) + np.sum(W3))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
