"""dlgrade: grades the NumPy exercises of 'Improving Deep Neural Networks'."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dlgrade")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
