"""The grader's own errors: problems with how it was called or what it was given.

A student's code going wrong is never one of these: that is a verdict, recorded
in the report. These end the command with a message and exit code 2.
"""


class GraderError(Exception):
    """Raised when grading cannot start: bad usage or unreadable input."""


class SubmissionError(GraderError):
    """Raised when a submission path does not exist, cannot be read, or holds no recognised file."""
