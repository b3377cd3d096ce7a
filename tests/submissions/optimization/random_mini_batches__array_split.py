# exercise: random_mini_batches
# expect: passed
# why: cuts the shuffled arrays with np.array_split at multiples of mini_batch_size
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    cuts = list(range(mini_batch_size, m, mini_batch_size))
    xs = np.array_split(X[:, permutation], cuts, axis=1)
    ys = np.array_split(Y[:, permutation].reshape((1, m)), cuts, axis=1)
    return list(zip(xs, ys))
