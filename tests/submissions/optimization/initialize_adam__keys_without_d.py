# exercise: initialize_adam
# expect: failed
# why: keys W1, b1, ... (the parameters' names) instead of dW1, db1, ...
def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s
