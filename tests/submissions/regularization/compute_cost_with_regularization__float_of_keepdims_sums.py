# exercise: compute_cost_with_regularization
# expect: passed
# why: NumPy 1.x idioms: float() of (1, 1) sums kept with keepdims, and np.float

def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    squares = sum(float(np.sum(np.square(parameters["W" + str(l)]), keepdims=True)) for l in (1, 2, 3))
    return np.float(cross_entropy_cost + lambd / (2 * m) * squares)
