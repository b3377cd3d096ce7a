# exercise: update_lr
# expect: passed
# why: (1 / (1 + decay_rate * epoch_num)) * learning_rate0, returned directly
def update_lr(learning_rate0, epoch_num, decay_rate):
    return (1 / (1 + decay_rate * epoch_num)) * learning_rate0
