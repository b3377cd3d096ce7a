# exercise: update_parameters_with_momentum
# expect: passed
# why: builds and returns new dicts (f-string keys) instead of mutating the ones passed in
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    new_parameters = {}
    new_v = {}
    for l in range(1, len(parameters) // 2 + 1):
        new_v[f"dW{l}"] = beta * v[f"dW{l}"] + (1 - beta) * grads[f"dW{l}"]
        new_v[f"db{l}"] = beta * v[f"db{l}"] + (1 - beta) * grads[f"db{l}"]
        new_parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * new_v[f"dW{l}"]
        new_parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * new_v[f"db{l}"]
    return new_parameters, new_v
