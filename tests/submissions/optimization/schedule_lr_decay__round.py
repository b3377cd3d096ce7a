# exercise: schedule_lr_decay
# expect: failed
# why: rounds epoch_num / time_interval instead of flooring it
# named: it rounds epoch_num / time_interval instead of flooring it
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.round(epoch_num / time_interval))
    return learning_rate
