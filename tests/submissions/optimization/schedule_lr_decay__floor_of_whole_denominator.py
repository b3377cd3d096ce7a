# exercise: schedule_lr_decay
# expect: failed
# why: floor applied to the whole denominator, floor(1 + decay_rate * epoch_num / time_interval)
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / np.floor(1 + decay_rate * epoch_num / time_interval)
    return learning_rate
