# exercise: update_parameters_with_gd
# expect: passed
# why: returns a new dict built by a comprehension over the parameter keys (grads key is 'd' + key)
def update_parameters_with_gd(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
