# exercise: backward_propagation
# expect: failed
# why: returns d(theta)/d(theta) = 1 and forgets the factor x
def backward_propagation(x, theta):
    dtheta = 1
    return dtheta
