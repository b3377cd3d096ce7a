# exercise: random_mini_batches
# expect: failed
# why: np.random.shuffle permutes the rows (features) of X, not its columns (examples)
# says: The mini-batches hold columns that are not columns of X: shuffle whole columns
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []

    shuffled_X = np.copy(X)
    shuffled_Y = np.copy(Y).reshape((1, m))
    np.random.shuffle(shuffled_X)
    np.random.shuffle(shuffled_Y)

    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    return mini_batches
