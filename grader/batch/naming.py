"""Student ids from file names, and report file names from student ids.

A class folder's entry names come from anywhere (a zip made on Windows, a student's own
choice): bytes that are not UTF-8, control characters, names near the file system's limit
of 255 bytes. A student id (and the path a report names) is printable text, so the
gradebook, the terminal and the pages can carry it; a report's file name is that id when it fits, else a
shortened id with a hash that keeps it unique.
"""

from __future__ import annotations

import hashlib
import os

# Room for ".html" and the batch's temporary names within the 255 bytes a file name may have.
MAX_REPORT_NAME_BYTES = 200


def printable(name: str) -> str:
    """A file name or path as printable text: undecodable bytes and control characters become escapes."""
    # Backslashes doubled first, so a name that spells an escape cannot pass for one that needed it.
    text = os.fsencode(name).replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def report_filename(student: str) -> str:
    """'alice.html'; for an id too long for a file name, its start and a hash of the whole."""
    name = f"{student}.html"
    if len(name.encode()) <= MAX_REPORT_NAME_BYTES:
        return name
    start = student.encode()[:120].decode("utf-8", "ignore")
    return f"{start}-{hashlib.sha256(student.encode()).hexdigest()[:16]}.html"
