"""dlgrade: grades the NumPy exercises of 'Improving Deep Neural Networks'."""


def __getattr__(name: str):
    # Lazy, so the worker process (which imports this package) does not pay for importlib.metadata.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version
        for distribution in ("dlgrade", "dlgrade-kit"):  # the full grader, or the student kit
            try:
                return version(distribution)
            except PackageNotFoundError:
                continue
        return "0+unknown"  # a source tree that was never installed
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
