"""Grade a whole class: one submission per entry of a folder, in parallel, into a gradebook.

entries (what the class folder holds) -> task (one submission graded, wherever it runs)
-> pool or cluster (where tasks run) -> gradebook (SQLite, the only state) -> tables and
the class overview (rebuilt from the gradebook alone). `run.run_batch` ties them together.
"""
