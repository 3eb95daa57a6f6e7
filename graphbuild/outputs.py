"""Writing output files atomically, so an interrupted build never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(paths: Iterable[Path]) -> Iterator[dict[Path, Path]]:
    """Temporary files beside `paths` (path → its temporary file) to write to, renamed over the
    paths together when the block succeeds and removed when it fails, so the old files stay whole.
    """
    temporary: dict[Path, Path] = {}
    try:
        for path in map(Path, paths):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            temporary[path] = Path(tmp)
        yield temporary
        for tmp in temporary.values():
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
        for path, tmp in temporary.items():
            os.replace(tmp, path)
    finally:
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with staged([path]) as files:
        files[Path(path)].write_bytes(payload)
