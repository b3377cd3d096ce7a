"""What a worker may see of the machine: the interpreter, its packages and the grader; not the
submission (its files travel in requests) and not the solutions (the reference, grader.oracle and
the kit's answer key). Both the bubblewrap sandbox (which shows only this) and Landlock (which
allows only this) are built from it."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import grader

SYSTEM_TREES = ("/usr",)
SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")  # links into /usr, or folders
SYSTEM_FILES = ("/etc/ld.so.cache",)
# What holds the solutions or their answers: the reference, the grader's models of known
# mistakes, and the student kit's answer key (a submission reading it would pass every case).
SOLUTIONS = ("reference", "grader.oracle", "grader.kit")


def readable_trees() -> list[str]:
    """What the worker's interpreter needs besides /usr: the Python installation, its packages, the grader."""
    trees = [sys.base_prefix, sys.prefix, str(Path(grader.__file__).parent)]
    numpy = importlib.util.find_spec("numpy")
    if numpy is not None and numpy.origin:
        package = Path(numpy.origin).parent
        # The site-packages holding numpy and, where numpy is a link into another one (as Nix
        # and some environment tools lay them out), the one it lives in.
        trees += [str(package.parent), str(Path(os.path.realpath(package)).parent)]
    trees = [os.path.realpath(tree) for tree in trees if os.path.isdir(tree)]
    return [tree for tree in outermost(trees) if not within(tree, "/usr")]  # /usr is always visible


def hidden_trees(visible: list[str]) -> list[str]:
    """Folders of the solutions that lie inside what the worker sees: the visible trees or
    /usr (a wheel installed into site-packages, /usr/local's included)."""
    folders = []
    for package in SOLUTIONS:
        spec = importlib.util.find_spec(package)
        if spec is not None:
            folders += [os.path.realpath(folder) for folder in (spec.submodule_search_locations or [])]
    return [folder for folder in folders if any(within(folder, tree) for tree in [*visible, *SYSTEM_TREES])]


def allowed_paths(extra: list[str]) -> list[str]:
    """Everything to allow reading, the hidden folders carved out: Landlock can only add
    access, so a tree holding the reference is allowed entry by entry, around it.
    (Its own listing is then refused, so only modules imported before still import.)"""
    system = [*SYSTEM_TREES, *(path for path in SYSTEM_LINKS if os.path.isdir(path) and not os.path.islink(path)),
              *SYSTEM_FILES]
    trees = [*system, *readable_trees(), *extra]
    hidden = hidden_trees(trees)
    return [path for tree in trees for path in _around(tree, hidden)]


def _around(tree: str, hidden: list[str]) -> list[str]:
    inside = [folder for folder in hidden if within(folder, tree)]
    if not inside:
        return [tree]
    if tree in inside or not os.path.isdir(tree):
        return []
    return [path for entry in sorted(os.listdir(tree)) for path in _around(os.path.join(tree, entry), inside)]


def within(path: str, tree: str) -> bool:
    return path == tree or path.startswith(tree.rstrip("/") + "/")


def outermost(paths) -> list[str]:
    """The distinct paths, without any that lies inside another."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(within(path, tree) for tree in kept):
            kept.append(path)
    return kept
