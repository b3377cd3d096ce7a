# exercise: forward_propagation
# expect: failed
# why: forgets the input: returns theta instead of theta * x
def forward_propagation(x, theta):
    J = theta
    return J
