# exercise: update_parameters_with_momentum
# expect: failed
# why: velocity beta * v + grad: the gradient is not weighted by (1 - beta)
# named: the velocity is beta * v + dW, without the factor (1 - beta) on the gradient
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v
