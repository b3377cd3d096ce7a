# exercise: compute_cost_with_regularization
# expect: failed
# why: the penalty uses lambd / m instead of lambd / (2m), twice the L2 term
# named: the L2 term uses lambd/m instead of lambd/(2m)
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (lambd / m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
