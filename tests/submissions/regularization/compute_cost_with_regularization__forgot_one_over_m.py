# exercise: compute_cost_with_regularization
# expect: failed
# why: forgot the 1/m factor: the penalty is lambd/2 * sum W^2, not averaged over the m examples
# named: the L2 term is not divided by m, the number of examples (Y.shape[1])
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (lambd / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
