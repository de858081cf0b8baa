"""What a folder run reads: regular document files under the root, and why anything else is not.

Walked without recursion (a folder 1,000 deep is fine), hidden names and symlinked folders
skipped, the output folder and the store never read. Only document types are briefed unless an
`--include` glob names a file; a symlink to a file outside the root is followed only when asked.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
_STORE_COMPANIONS = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class Listing:
    """The documents to brief, and the files passed over with the reason for each."""

    documents: list[Path] = field(default_factory=list)
    ignored: list[tuple[Path, str]] = field(default_factory=list)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _identity(path: Path | str) -> tuple[int, int] | None:
    """A file's (device, inode): the same file by any path, found in O(1) at any depth."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def walk(
    root: Path, skip: frozenset[tuple[int, int]] = frozenset(), hidden: bool = False
) -> Iterator[os.DirEntry[str]]:
    """Every entry under `root` that is not a folder, in sorted order, depth first; hidden
    names only when asked; symlinked folders and the folders in `skip` (by identity) are not
    entered."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # vanished or unreadable: nothing of it can be briefed
        below = []
        for entry in entries:
            if entry.name.startswith(".") and not hidden:
                continue
            if entry.is_dir(follow_symlinks=False):
                if _identity(entry.path) not in skip:
                    below.append(Path(entry.path))
            elif not (entry.is_symlink() and _points_to_folder(entry)):
                yield entry
        stack.extend(reversed(below))


def _points_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False  # a looping link: loading it says so


def discover(
    root: Path,
    *,
    out: Path,
    store: Path | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    follow_symlinks: bool = False,
) -> Listing:
    """The documents under `root` (or `root` itself, when a file) and what was passed over."""
    listing = Listing()
    if not root.is_dir():
        listing.documents.append(root)
        return listing
    base = root.resolve()
    never = {_identity(p) for p in _store_files(store or out / "summarize.db")} - {None}
    out_id = _identity(out)
    for entry in walk(root, skip=frozenset({out_id} if out_id else ())):
        path = Path(entry.path)
        relative = path.relative_to(root).as_posix()
        if never and _identity(path) in never:
            continue
        if include and not matches(relative, include):
            continue
        if exclude and matches(relative, exclude):
            continue
        reason = _not_a_document(entry, path, base, named=bool(include), follow=follow_symlinks)
        if reason is None:
            listing.documents.append(path)
        else:
            listing.ignored.append((path, reason))
    return listing


def _store_files(store: Path) -> list[str]:
    return [f"{store}{tail}" for tail in _STORE_COMPANIONS]


def _not_a_document(
    entry: os.DirEntry[str], path: Path, base: Path, *, named: bool, follow: bool
) -> str | None:
    """Why a file is not briefed, or None when it is."""
    if entry.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None  # a broken or looping link: loading it reports why, as a failure
        if not follow and not target.is_relative_to(base):
            return "a symbolic link to a file outside the folder (--follow-symlinks briefs it)"
    try:
        mode = entry.stat(follow_symlinks=True).st_mode
    except OSError:
        return None  # loading it reports why
    if not stat.S_ISREG(mode):
        return f"{kind_of(mode)}, not a document"
    if not named and path.suffix.lower() not in DOCUMENT_SUFFIXES:
        shown = path.suffix.lower() or "no suffix"
        return f"not a document type ({shown}; briefed: {' '.join(DOCUMENT_SUFFIXES)})"
    return None
