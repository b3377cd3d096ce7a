# exercise: initialize_velocity
# expect: error
# why: L = len(parameters) counts W and b separately, so the loop asks for layers that do not exist (KeyError)
def initialize_velocity(parameters):
    L = len(parameters)
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v
