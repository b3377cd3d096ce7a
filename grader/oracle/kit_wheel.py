"""`grade kit build`: the student kit's wheel, made from this (full) grader, which is why it
lives here, with what the kit leaves out.

The wheel holds the grader without grader.oracle and what generates cases (the kit needs
no hypothesis), the exercise stubs, the report templates and an answer key recorded from
the reference just now; never the reference package, and no bytecode. It is written directly (a wheel is a zip with a RECORD of
hashes), with fixed timestamps, so building twice gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

import grader
from grader.errors import GraderError

DISTRIBUTION = "dlgrade_kit"
LEFT_OUT = ("grader/oracle/", "grader/search.py", "grader/strategies.py",
            "grader/kit/answer_key.zip")  # the key is recorded afresh
# The kit needs no hypothesis, whose pinned release needs Python 3.11, so it runs on 3.10 too
# (Gradescope's default image has it), where NumPy's releases stop at 2.2: 2.3 needs 3.11,
# and pip on an index without that information would try to build it from source.
NUMPY_ON_3_10 = "numpy>=1.26,<2.3"
_TIME = (2020, 1, 1, 0, 0, 0)
_ENTRY_POINTS = "[console_scripts]\ngrade = grader.cli:main\n\n[pytest11]\ndlgrade = grader.pytest_plugin\n"


class KitBuildError(GraderError):
    """Raised when the kit cannot be built here: not an installed dlgrade, or OUT is not a folder."""


def build(out: Path) -> Path:
    """Write the kit's wheel into the folder `out`; return its path."""
    from grader.oracle import record

    if out.exists() and not out.is_dir():
        raise KitBuildError(f"{out} is not a folder: give the folder to write the kit's wheel into")
    if importlib.util.find_spec("grader.templates") is None or _installed_version() is None:
        raise KitBuildError("build the kit from an installed dlgrade (`make demo`, or `pip install .` in the "
                            "repository): this one has no package metadata or templates")
    version = grader.__version__
    files = dict(_package_files())
    with tempfile.TemporaryDirectory(prefix="dlgrade-kit-") as scratch:
        key = Path(scratch) / "answer_key.zip"
        record.record(key)
        files["grader/kit/answer_key.zip"] = key.read_bytes()
    info = f"{DISTRIBUTION}-{version}.dist-info"
    files[f"{info}/METADATA"] = _metadata(version).encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: dlgrade kit build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{info}/entry_points.txt"] = _ENTRY_POINTS.encode()
    record_lines = [f"{name},sha256={_digest(content)},{len(content)}" for name, content in sorted(files.items())]
    files[f"{info}/RECORD"] = ("\n".join(record_lines + [f"{info}/RECORD,,"]) + "\n").encode()

    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{DISTRIBUTION}-{version}-py3-none-any.whl"
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, content in files.items():  # RECORD last, as the format asks
            member = zipfile.ZipInfo(name, date_time=_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, content)
    wheel.write_bytes(stream.getvalue())
    return wheel


def _package_files():
    """(name in the wheel, content) of what the kit ships, in a fixed order."""
    trees = {"grader": Path(grader.__file__).parent, "grader/templates": _folder("grader.templates"),
             "exercises": _folder("exercises"), "dlgrade": _folder("dlgrade")}
    for prefix, root in trees.items():
        for file in sorted(root.rglob("*")):
            name = f"{prefix}/{file.relative_to(root).as_posix()}"
            if file.is_file() and file.suffix in (".py", ".j2", ".npz") and "__pycache__" not in file.parts \
                    and not name.startswith(LEFT_OUT) and not (prefix == "grader" and name.startswith("grader/templates/")):
                yield name, file.read_bytes()


def _folder(package: str) -> Path:
    return Path(importlib.util.find_spec(package).submodule_search_locations[0])


def _installed_version() -> str | None:
    try:
        return metadata.version("dlgrade")
    except metadata.PackageNotFoundError:
        return None


def _metadata(version: str) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {DISTRIBUTION.replace('_', '-')}", f"Version: {version}",
             "Summary: dlgrade's student kit: grades the exercises of 'Improving Deep Neural Networks' "
             "without the reference solutions",
             f"Requires-Python: {grader.requires_python(grader.KIT_PYTHONS)}", *(f"Requires-Dist: {requirement}" for requirement in _requirements())]
    return "\n".join(lines) + "\n"


def _requirements() -> list[str]:
    """dlgrade's requirements, less the extras and hypothesis (the kit draws no inputs), with
    NumPy's range split where Python 3.10 needs its own."""
    kept = []
    for requirement in metadata.requires("dlgrade") or []:
        if "extra ==" in requirement or requirement.startswith("hypothesis"):
            continue
        if requirement.startswith("numpy"):
            kept += [f'{requirement}; python_version >= "3.11"', f'{NUMPY_ON_3_10}; python_version < "3.11"']
        else:
            kept.append(requirement)
    return kept


def _digest(content: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
