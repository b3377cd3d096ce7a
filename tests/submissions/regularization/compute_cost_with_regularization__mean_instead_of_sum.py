# exercise: compute_cost_with_regularization
# expect: failed
# why: averages the squared weights of each matrix (np.mean) instead of summing them
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (1 / m) * (lambd / 2) * (np.mean(np.square(W1)) + np.mean(np.square(W2)) + np.mean(np.square(W3)))

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
