# exercise: initialize_adam
# expect: passed
# why: builds v, then s = copy.deepcopy(v): separate dicts and separate arrays
import copy


def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    s = copy.deepcopy(v)
    return v, s
