# exercise: compute_cost_with_regularization
# expect: failed
# why: returns only the L2 penalty and drops the cross-entropy part of the cost
# named: the cross-entropy part of the cost is missing
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    L2_regularization_cost = (1 / m) * (lambd / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    cost = L2_regularization_cost
    return cost
