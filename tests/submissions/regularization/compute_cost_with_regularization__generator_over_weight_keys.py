# exercise: compute_cost_with_regularization
# expect: passed
# why: sums np.dot(w.ravel(), w.ravel()) over every key starting with 'W', with m as a float
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = float(Y.shape[1])
    squares = sum(np.dot(w.ravel(), w.ravel()) for key, w in parameters.items() if key.startswith("W"))
    return compute_cost(A3, Y) + 0.5 * lambd * squares / m
