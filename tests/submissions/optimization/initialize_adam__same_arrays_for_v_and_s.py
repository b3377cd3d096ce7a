# exercise: initialize_adam
# expect: failed
# why: v and s hold the very same zero arrays, so an in-place update of v also changes s

def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = v["dW" + str(l)]
        s["db" + str(l)] = v["db" + str(l)]
    return v, s
