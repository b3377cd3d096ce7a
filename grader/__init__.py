"""dlgrade: grades the NumPy exercises of 'Improving Deep Neural Networks'."""

# The release, of the full grader and of the student kit built from it (pyproject.toml reads it).
__version__ = "0.1.0"

# The Pythons the full grader runs on (pyproject.toml's requires-python says the same), and
# those of the student kit, which needs no hypothesis and so runs on 3.10 too.
GRADER_PYTHONS = ("3.11", "3.12", "3.13")
KIT_PYTHONS = ("3.10", *GRADER_PYTHONS)


def requires_python(versions: tuple[str, ...]) -> str:
    """'>=3.10,<3.14' for ('3.10', ..., '3.13')."""
    major, minor = versions[-1].split(".")
    return f">={versions[0]},<{major}.{int(minor) + 1}"
