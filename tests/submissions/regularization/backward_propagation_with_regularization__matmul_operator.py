# exercise: backward_propagation_with_regularization
# expect: passed
# why: uses the @ operator and factors the 1/m out of the whole dW expression
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = (dZ3 @ A2.T + lambd * W3) / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m

    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = (dZ2 @ A1.T + lambd * W2) / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m

    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = (dZ1 @ X.T + lambd * W1) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients
