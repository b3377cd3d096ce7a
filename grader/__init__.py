"""dlgrade: grades the NumPy exercises of 'Improving Deep Neural Networks'."""

# The Pythons the full grader runs on (pyproject.toml's requires-python says the same), and
# those of the student kit, which needs no hypothesis and so runs on 3.10 too.
GRADER_PYTHONS = ("3.11", "3.12", "3.13")
KIT_PYTHONS = ("3.10", *GRADER_PYTHONS)


def requires_python(versions: tuple[str, ...]) -> str:
    """'>=3.10,<3.14' for ('3.10', ..., '3.13')."""
    major, minor = versions[-1].split(".")
    return f">={versions[0]},<{major}.{int(minor) + 1}"


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
