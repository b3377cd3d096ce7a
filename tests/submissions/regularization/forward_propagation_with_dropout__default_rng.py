# exercise: forward_propagation_with_dropout
# expect: passed
# why: draws the masks from NumPy's Generator API (default_rng().random) with the @ operator; any random stream is correct
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    rng = np.random.default_rng()
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]

    Z1 = W1 @ X + b1
    D1 = (rng.random(Z1.shape) < keep_prob).astype(float)
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    D2 = (rng.random(Z2.shape) < keep_prob).astype(float)
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)

    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
