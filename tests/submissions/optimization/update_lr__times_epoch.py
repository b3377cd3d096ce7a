# exercise: update_lr
# expect: failed
# why: learning_rate0 / (1 + decay_rate) * epoch_num: epoch_num ends up in the numerator
# named: it computes learning_rate0 / (1 + decay_rate) * epoch_num: the product belongs in the denominator
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate) * epoch_num
    return learning_rate
