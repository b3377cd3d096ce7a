# exercise: compute_cost_with_regularization
# expect: failed
# why: also penalizes the biases b1, b2, b3; L2 regularization covers the weights only
# named: the L2 term also includes the biases
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (1 / m) * (lambd / 2) * sum(np.sum(np.square(parameters[k])) for k in ('W1', 'b1', 'W2', 'b2', 'W3', 'b3'))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
