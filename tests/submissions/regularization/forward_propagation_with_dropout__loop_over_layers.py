# exercise: forward_propagation_with_dropout
# expect: passed
# why: computes the three layers in a loop, with dropout on the hidden layers only
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    np.random.seed(1)
    A = X
    Zs, Ds, As = {}, {}, {}
    for l in (1, 2, 3):
        Z = np.dot(parameters["W" + str(l)], A) + parameters["b" + str(l)]
        if l < 3:
            D = (np.random.rand(*Z.shape) < keep_prob).astype(int)
            A = relu(Z) * D / keep_prob
            Ds[l] = D
        else:
            A = sigmoid(Z)
        Zs[l], As[l] = Z, A

    cache = (Zs[1], Ds[1], As[1], parameters["W1"], parameters["b1"],
             Zs[2], Ds[2], As[2], parameters["W2"], parameters["b2"],
             Zs[3], As[3], parameters["W3"], parameters["b3"])
    return As[3], cache
