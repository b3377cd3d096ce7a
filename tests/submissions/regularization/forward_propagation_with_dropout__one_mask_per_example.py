# exercise: forward_propagation_with_dropout
# expect: failed
# why: one random draw per example broadcast over all units: an example keeps or drops every unit together, which is not dropout

def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(1, A1.shape[1])
    D1 = (D1 < keep_prob).astype(int) * np.ones_like(A1, dtype=int)
    A1 = A1 * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(1, A2.shape[1])
    D2 = (D2 < keep_prob).astype(int) * np.ones_like(A2, dtype=int)
    A2 = A2 * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
