# exercise: update_lr
# expect: failed
# why: missing parentheses: learning_rate0 / 1 + decay_rate * epoch_num
# named: it computes learning_rate0 / 1 + decay_rate * epoch_num: parentheses are missing
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / 1 + decay_rate * epoch_num
    return learning_rate
