"""Running student code in a separate worker process (protocol, worker, plain, runner).

The parent uses `grader.sandbox.runner.Worker`; the worker process runs
`python -m grader.sandbox.worker`; `protocol` is the plain-data wire format
between them and `plain` turns returned values into that plain data.
"""
