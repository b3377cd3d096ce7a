# exercise: update_parameters_with_momentum
# expect: failed
# why: beta and 1 - beta swapped: (1 - beta) * v + beta * grad
# named: beta and (1 - beta) are swapped in the velocity
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = (1 - beta) * v["dW" + str(l)] + beta * grads["dW" + str(l)]
        v["db" + str(l)] = (1 - beta) * v["db" + str(l)] + beta * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v
