# exercise: backward_propagation
# expect: failed
# why: returns the cost theta * x instead of its derivative
def backward_propagation(x, theta):
    dtheta = theta * x
    return dtheta
