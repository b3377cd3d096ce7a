# exercise: initialize_adam
# expect: failed
# why: s = v.copy() copies only the dict: both dicts still hold the same arrays

def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])
    s = v.copy()
    return v, s
