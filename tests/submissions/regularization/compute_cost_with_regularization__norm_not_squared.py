# exercise: compute_cost_with_regularization
# expect: failed
# why: uses the Frobenius norm ||W|| without squaring it
# named: the L2 term uses the norms ||W|| instead of the squared norms
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2) + np.linalg.norm(W3))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
