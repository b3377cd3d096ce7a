# exercise: update_parameters_with_gd
# expect: error
# why: L = len(parameters) counts W and b separately, so the loop asks for layers that do not exist (KeyError)
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
