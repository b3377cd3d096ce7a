# exercise: update_lr
# expect: failed
# why: exponential decay learning_rate0 * exp(-decay_rate * epoch_num) instead of learning_rate0 / (1 + decay_rate * epoch_num)
# named: it uses exp(-decay_rate * epoch_num) decay
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * np.exp(-decay_rate * epoch_num)
    return learning_rate
