# exercise: schedule_lr_decay
# expect: failed
# why: hard-codes the interval as 1000 and ignores the time_interval argument
# named: it ignores time_interval (uses 1000 whatever is passed)
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / 1000))
    return learning_rate
