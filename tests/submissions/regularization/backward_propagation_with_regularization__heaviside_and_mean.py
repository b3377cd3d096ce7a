# exercise: backward_propagation_with_regularization
# expect: passed
# why: relu derivative via np.heaviside(A, 0), bias gradients via np.mean, and the factor lambd/m computed once
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    reg = lambd / m

    dZ3 = A3 - Y
    dW3 = np.dot(dZ3, A2.T) / m + reg * W3
    db3 = np.mean(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = dA2 * np.heaviside(A2, 0)
    dW2 = np.dot(dZ2, A1.T) / m + reg * W2
    db2 = np.mean(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * np.heaviside(A1, 0)
    dW1 = np.dot(dZ1, X.T) / m + reg * W1
    db1 = np.mean(dZ1, axis=1, keepdims=True)

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients
