# exercise: backward_propagation_with_dropout
# expect: passed
# why: walks the layers backwards in a loop, applying each hidden layer's mask to its dA
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    activations = {0: X, 1: A1, 2: A2}
    masks = {1: D1, 2: D2}
    weights = {2: W2, 3: W3}

    gradients = {}
    dZ = A3 - Y
    for l in (3, 2, 1):
        gradients["dZ" + str(l)] = dZ
        gradients["dW" + str(l)] = 1. / m * np.dot(dZ, activations[l - 1].T)
        gradients["db" + str(l)] = 1. / m * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(weights[l].T, dZ) * masks[l - 1] / keep_prob
            gradients["dA" + str(l - 1)] = dA
            dZ = dA * np.int64(activations[l - 1] > 0)
    return gradients
