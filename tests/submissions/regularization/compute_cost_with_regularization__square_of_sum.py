# exercise: compute_cost_with_regularization
# expect: failed
# why: squares the sum of the weights, (sum W)^2, instead of summing the squared weights
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (1 / m) * (lambd / 2) * (np.square(np.sum(W1)) + np.square(np.sum(W2)) + np.square(np.sum(W3)))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
