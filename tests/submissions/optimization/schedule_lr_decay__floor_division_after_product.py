# exercise: schedule_lr_decay
# expect: failed
# why: decay_rate * epoch_num // time_interval floors the product (decay_rate * epoch_num) // time_interval, not epoch_num // time_interval
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num // time_interval)
    return learning_rate
