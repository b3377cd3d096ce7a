# exercise: schedule_lr_decay
# expect: failed
# why: takes the ceiling of epoch_num / time_interval instead of the floor
# named: it rounds epoch_num / time_interval up (ceil) instead of flooring it
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.ceil(epoch_num / time_interval))
    return learning_rate
