# exercise: schedule_lr_decay
# expect: passed
# why: int(epoch_num / time_interval), which equals the floor for the non-negative epoch numbers of training
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * int(epoch_num / time_interval))
    return learning_rate
