# exercise: backward_propagation
# expect: failed
# why: derivative of theta * x taken with respect to x: returns theta
def backward_propagation(x, theta):
    dtheta = theta
    return dtheta
