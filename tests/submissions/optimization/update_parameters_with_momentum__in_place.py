# exercise: update_parameters_with_momentum
# expect: passed
# why: in-place updates: v *= beta; v += (1 - beta) * grad; W -= learning_rate * v
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for kind in ("W", "b"):
            key = kind + str(l)
            v["d" + key] *= beta
            v["d" + key] += (1 - beta) * grads["d" + key]
            parameters[key] -= learning_rate * v["d" + key]
    return parameters, v
