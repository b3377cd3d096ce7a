# exercise: compute_cost_with_regularization
# expect: passed
# why: accumulates the squared weights in a loop over layers with ** 2
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    squares = 0
    for l in range(1, 4):
        squares += np.sum(parameters["W" + str(l)] ** 2)
    L2_regularization_cost = squares * lambd / (2 * m)

    cost = cross_entropy_cost + L2_regularization_cost
    return cost
