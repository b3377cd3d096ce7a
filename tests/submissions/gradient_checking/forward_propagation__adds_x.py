# exercise: forward_propagation
# expect: failed
# why: J computed as theta + x instead of theta * x
# named: J is theta + x instead of theta * x
def forward_propagation(x, theta):
    J = theta + x
    return J
