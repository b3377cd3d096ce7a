# exercise: forward_propagation
# expect: failed
# why: returns x, the derivative, instead of the cost J = theta * x
def forward_propagation(x, theta):
    J = x
    return J
