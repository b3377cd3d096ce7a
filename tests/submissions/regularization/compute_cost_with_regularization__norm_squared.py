# exercise: compute_cost_with_regularization
# expect: passed
# why: uses the squared Frobenius norm np.linalg.norm(W) ** 2, which equals the sum of squared entries
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd / (2 * m) * (np.linalg.norm(W1) ** 2 + np.linalg.norm(W2) ** 2 + np.linalg.norm(W3) ** 2)

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
