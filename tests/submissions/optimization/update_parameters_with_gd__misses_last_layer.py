# exercise: update_parameters_with_gd
# expect: failed
# why: off by one: range(1, L) never updates layer L
# named: the loop misses the last layer (range(1, L) instead of range(1, L + 1))
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
