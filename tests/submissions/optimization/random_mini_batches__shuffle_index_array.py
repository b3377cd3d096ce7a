# exercise: random_mini_batches
# expect: passed
# why: shuffles an index array with np.random.shuffle and slices with math.ceil batches and min() for the end
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    indices = np.arange(m)
    np.random.shuffle(indices)
    shuffled_X = X[:, indices]
    shuffled_Y = Y[:, indices].reshape((1, m))
    mini_batches = []
    for k in range(math.ceil(m / mini_batch_size)):
        start = k * mini_batch_size
        end = min(start + mini_batch_size, m)
        mini_batches.append((shuffled_X[:, start:end], shuffled_Y[:, start:end]))
    return mini_batches
