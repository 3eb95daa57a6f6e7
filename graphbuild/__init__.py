"""graphbuild: knowledge graphs of who said, denied, demanded or did what, from Indonesian news."""

from __future__ import annotations

from pathlib import Path


def _check_compiled(package: Path) -> None:
    """Refuse to run a compiled module older than its source (see setup.py).

    Python imports a module's compiled extension before its .py file, so after an edit the old
    code would run without a word.
    """
    for compiled in package.glob("**/*.so"):
        source = compiled.with_name(compiled.name.split(".", 1)[0] + ".py")
        if source.exists() and source.stat().st_mtime > compiled.stat().st_mtime:
            raise ImportError(f"{source}: changed after it was compiled to {compiled.name}; run `make install` "
                              "to compile it again, or `make pure` to remove the compiled modules")


def compiled() -> bool:
    """Whether the build's hot path runs as mypyc-compiled modules (see setup.py)."""
    from graphbuild import text

    return Path(text.__file__).suffix == ".so"


# Only in a source checkout (an editable install), where sources are edited: an installed wheel
# writes its files in no particular order, so there a source may look newer than its module.
if (Path(__file__).parent.parent / "setup.py").is_file():
    _check_compiled(Path(__file__).parent)
