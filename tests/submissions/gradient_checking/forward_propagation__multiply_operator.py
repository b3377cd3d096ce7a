# exercise: forward_propagation
# expect: passed
# why: theta * x with the * operator instead of np.dot
def forward_propagation(x, theta):
    J = theta * x
    return J
