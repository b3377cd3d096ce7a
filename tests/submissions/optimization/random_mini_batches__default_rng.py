# exercise: random_mini_batches
# expect: passed
# why: permutation from np.random.default_rng(seed) instead of the legacy global generator
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    permutation = rng.permutation(m)
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    mini_batches = []
    num_complete_minibatches = m // mini_batch_size
    for k in range(num_complete_minibatches):
        start = k * mini_batch_size
        mini_batches.append((shuffled_X[:, start:start + mini_batch_size],
                             shuffled_Y[:, start:start + mini_batch_size]))
    if m % mini_batch_size != 0:
        start = num_complete_minibatches * mini_batch_size
        mini_batches.append((shuffled_X[:, start:], shuffled_Y[:, start:]))
    return mini_batches
