# exercise: random_mini_batches
# expect: failed
# why: the last mini-batch starts one column early (num_complete_minibatches * mini_batch_size - 1 to m - 1): the right size, but it repeats an example and leaves out the last one
# says: The last mini-batch repeats 1 example of the ones before it, and 1 of
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []

    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))

    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size - 1:m - 1]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size - 1:m - 1]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    return mini_batches
