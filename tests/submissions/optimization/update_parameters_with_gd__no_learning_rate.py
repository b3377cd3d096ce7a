# exercise: update_parameters_with_gd
# expect: failed
# why: forgets the learning rate: subtracts the raw gradient
# named: the update leaves out the learning rate
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - grads["db" + str(l)]
    return parameters
