# exercise: schedule_lr_decay
# expect: passed
# why: math.floor instead of np.floor
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
    return learning_rate
