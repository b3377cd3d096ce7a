# exercise: compute_cost_with_regularization
# expect: passed
# why: sums W * W and writes the factor as lambd / (2 * m)
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd * (np.sum(W1 * W1) + np.sum(W2 * W2) + np.sum(W3 * W3)) / (2 * m)

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
