# exercise: update_lr
# expect: passed
# why: learning_rate0 * (1 + decay_rate * epoch_num) ** -1
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * (1 + decay_rate * epoch_num) ** -1
    return learning_rate
