# exercise: update_parameters_with_gd
# expect: failed
# why: gradient ascent: adds learning_rate * grad instead of subtracting it
# named: the update adds the gradient (W + lr * dW): gradient descent subtracts it
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters
