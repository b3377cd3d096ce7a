# exercise: update_lr
# expect: failed
# why: learning_rate0 / (1 + decay_rate) ** epoch_num: exponential instead of inverse-time decay
# named: it decays exponentially (learning_rate0 / (1 + decay_rate) ** epoch_num)
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate) ** epoch_num
    return learning_rate
