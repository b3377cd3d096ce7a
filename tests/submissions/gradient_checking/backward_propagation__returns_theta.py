# exercise: backward_propagation
# expect: failed
# why: derivative of theta * x taken with respect to x: returns theta
# named: dtheta is theta; the derivative of J = theta * x with respect to theta is x
def backward_propagation(x, theta):
    dtheta = theta
    return dtheta
