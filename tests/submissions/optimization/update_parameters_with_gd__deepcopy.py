# exercise: update_parameters_with_gd
# expect: passed
# why: deep-copies the parameters first and loops over the kinds W and b
import copy


def update_parameters_with_gd(parameters, grads, learning_rate):
    new_parameters = copy.deepcopy(parameters)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for kind in ("W", "b"):
            key = kind + str(l)
            new_parameters[key] = new_parameters[key] - learning_rate * grads["d" + key]
    return new_parameters
