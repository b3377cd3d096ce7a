"""The course's experiments, run with the student's own functions next to the reference's.

`training` is the models (it runs in the worker); `datasets` the data, made in NumPy;
`catalog` the runs the course makes; `recorded` the reference's runs, recorded once;
`running` runs the student's side in the sandbox and builds the results. Nothing here
imports more than numpy at package level, since the worker imports `training`.
"""
