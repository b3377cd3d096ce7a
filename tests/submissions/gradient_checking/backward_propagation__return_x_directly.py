# exercise: backward_propagation
# expect: passed
# why: returns x directly, without the dtheta variable
def backward_propagation(x, theta):
    return x
