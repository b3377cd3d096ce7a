# exercise: update_lr
# expect: passed
# why: pasted with the notebook's imports (matplotlib, scipy, sklearn, course utilities) and NumPy 1.x names (np.int, np.asscalar)
import matplotlib.pyplot as plt
import scipy.io
import sklearn
import sklearn.datasets
from opt_utils_v1a import load_params_and_grads, initialize_parameters, forward_propagation
from testCases import *

plt.rcParams['figure.figsize'] = (7.0, 4.0)
plt.rcParams['image.interpolation'] = 'nearest'


def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate * np.int(epoch_num))
    return np.asscalar(np.array(learning_rate))
