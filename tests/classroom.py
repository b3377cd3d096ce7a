"""A class folder made from the public corpus, for the batch tests and bench/batch.py.

Each student hands in the correct base modules with up to three snippets of the corpus
appended (mistakes or correct variants, each for another exercise), so every student's
expected verdicts are known; hostile students replace update_lr with an attack of the
red-team corpus. Student i of a given seed is always the same submission.
"""

from __future__ import annotations

import random
from pathlib import Path

from grader.catalog import BY_NAME, MODULES
from tests.conftest import CORPUS
from tests.security.test_attacks import ATTACKS
from tests.test_corpus import SNIPPETS, header


def make_class(folder: Path, size: int, *, seed: int = 0, hostile: tuple[str, ...] = (),
               prefix: str = "student") -> dict[str, dict[str, str]]:
    """Write `size` students (and one per attack in `hostile`) into `folder`; return, per
    student, the expected status of each exercise their snippets target (all others pass)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = {module: (CORPUS / "base" / f"{module}.py").read_text() for module in MODULES}
    expected = {}
    for index in range(size):
        rng = random.Random(f"{seed}:{index}")
        chosen: dict[str, Path] = {}
        for snippet in rng.sample(SNIPPETS, rng.choice([0, 1, 1, 2, 3])):
            chosen.setdefault(header(snippet)["exercise"], snippet)
        modules = dict(base)
        for exercise, snippet in chosen.items():
            modules[BY_NAME[exercise].module] += "\n\n" + snippet.read_text()
        student = f"{prefix}-{index:04d}"
        _write_folder(folder / student, modules)
        expected[student] = {exercise: header(snippet)["expect"] for exercise, snippet in chosen.items()}
    for attack in hostile:
        status, _, code = ATTACKS[attack]
        student = f"hostile-{attack}"
        _write_folder(folder / student, {**base, "optimization": base["optimization"] + "\n\n" + code})
        expected[student] = {"update_lr": status}
    return expected


def _write_folder(path: Path, modules: dict[str, str]) -> None:
    path.mkdir()
    for module, text in modules.items():
        (path / f"{module}.py").write_text(text)
