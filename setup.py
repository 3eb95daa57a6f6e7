"""Compiles the modules of the build's hot path with mypyc, when it can; the metadata is in setup.cfg.

These modules are plain, type-annotated Python. mypyc (part of mypy, a build requirement in
pyproject.toml) turns them into C extensions that take about a fifth off a one-core build; they
behave as the Python does, and the tests run on whichever is installed. Set GRAPHBUILD_PURE=1
to install pure Python. Where mypyc or a C compiler is missing, or compiling fails, the package
installs as pure Python with a warning instead of failing.

An editable install (`make install`) puts the compiled modules beside their sources, where they
win over the .py files: graphbuild refuses to import a compiled module older than its source
(see graphbuild/__init__.py), and `make install` compiles again whenever a source changed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The build's hot path: reading, extraction, resolution and the RDF mapping. model.py stays
# Python: its frozen dataclasses are pickled between processes, which compiled classes refuse.
COMPILED = [
    "graphbuild/boilerplate.py",
    "graphbuild/extractors/*.py",
    "graphbuild/lexicon.py",
    "graphbuild/loaders.py",
    "graphbuild/metadata.py",
    "graphbuild/morphology.py",
    "graphbuild/rdfmap.py",
    "graphbuild/resolve.py",
    "graphbuild/text.py",
]
# Third-party libraries are typed Any whether or not they are installed when this runs, so every
# build compiles the same code; modules not compiled are read for their types only.
MYPY_OPTIONS = ["--no-site-packages", "--ignore-missing-imports", "--follow-imports=silent"]
# The commands that build: the metadata steps before them need no extensions, and each call
# of mypycify type-checks the modules again.
BUILDING = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def _warn(message: str) -> None:
    print(f"graphbuild: {message}; installing pure Python", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """build_ext that leaves the package pure Python when the C compiler fails, all or nothing:
    the modules share one compiled library."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # any failure of the compiler means no extensions
            _warn(f"compiling with mypyc failed ({error})")
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)


def extensions() -> list:
    """The mypyc extensions, or none when they are switched off or mypyc cannot make them."""
    if os.environ.get("GRAPHBUILD_PURE") == "1" or not BUILDING.intersection(sys.argv):
        return []
    paths = sorted(str(p) for pattern in COMPILED for p in Path().glob(pattern))
    try:
        from mypyc.build import mypycify

        # One library inside the package holds the compiled code: an editable install finds
        # graphbuild's modules only.
        return mypycify([*MYPY_OPTIONS, *paths], opt_level="3", group_name="graphbuild.native")
    except (Exception, SystemExit) as error:  # mypy reports type errors by exiting
        _warn(f"mypyc could not compile ({error})")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
