# exercise: forward_propagation
# expect: passed
# why: np.multiply(x, theta): the product written the other way round
def forward_propagation(x, theta):
    return np.multiply(x, theta)
