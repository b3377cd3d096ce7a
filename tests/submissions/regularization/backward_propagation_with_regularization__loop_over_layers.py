# exercise: backward_propagation_with_regularization
# expect: passed
# why: walks the layers backwards in a loop, filling the gradients dict with f-string keys
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    activations = {0: X, 1: A1, 2: A2}
    weights = {1: W1, 2: W2, 3: W3}

    gradients = {}
    dZ = A3 - Y
    for l in (3, 2, 1):
        gradients[f"dZ{l}"] = dZ
        gradients[f"dW{l}"] = 1. / m * np.dot(dZ, activations[l - 1].T) + lambd / m * weights[l]
        gradients[f"db{l}"] = 1. / m * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(weights[l].T, dZ)
            gradients[f"dA{l - 1}"] = dA
            dZ = dA * np.int64(activations[l - 1] > 0)
    return gradients
