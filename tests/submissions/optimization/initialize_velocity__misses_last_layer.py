# exercise: initialize_velocity
# expect: failed
# why: off by one: range(1, L) leaves out the last layer's velocities
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v
