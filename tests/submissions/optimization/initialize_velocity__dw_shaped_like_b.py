# exercise: initialize_velocity
# expect: failed
# why: copy-paste slip: dW zeros get the shape (n_l, 1) of b instead of the shape of W
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros((parameters["W" + str(l)].shape[0], 1))
        v["db" + str(l)] = np.zeros((parameters["b" + str(l)].shape[0], 1))
    return v
