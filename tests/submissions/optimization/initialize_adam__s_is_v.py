# exercise: initialize_adam
# expect: failed
# why: s = v makes both moments one and the same dict, so updating v also overwrites s
def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    s = v
    return v, s
