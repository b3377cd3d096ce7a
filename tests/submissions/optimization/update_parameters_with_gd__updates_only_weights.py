# exercise: update_parameters_with_gd
# expect: failed
# why: updates the weights W but never the biases b
# named: only the weights are updated, not the biases
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters
