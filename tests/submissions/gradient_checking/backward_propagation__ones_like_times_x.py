# exercise: backward_propagation
# expect: passed
# why: writes the derivative as np.ones_like(theta) * x (1 * x, spelled out)
def backward_propagation(x, theta):
    dtheta = np.ones_like(theta) * x
    return dtheta
