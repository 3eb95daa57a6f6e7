"""Finding and loading the ontology and SHACL shapes shipped in ontology/.

One function decides where the ontology lives, so the CLI, validation and tests agree:
an explicit option, then the GRAPHBUILD_ONTOLOGY environment variable, then the source
checkout's ontology/ folder, then the copy an installed wheel puts under sys.prefix.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rdflib import Graph

ENV_VAR = "GRAPHBUILD_ONTOLOGY"
ONTOLOGY_FILE = "graphbuild.ttl"
SHAPES_FILE = "shapes.ttl"


class OntologyNotFound(FileNotFoundError):
    """No folder holding graphbuild.ttl was found where the ontology was looked for."""


def _is_ontology_dir(path: Path) -> bool:
    return (path / ONTOLOGY_FILE).is_file()


def _explicit_choice(option: Path | None) -> tuple[str, Path] | None:
    """Where the user asked for the ontology to be, and how they asked."""
    if option is not None:
        return f"ontology option {option}", Path(option)
    if os.environ.get(ENV_VAR):
        return f"${ENV_VAR}", Path(os.environ[ENV_VAR])
    return None


def ontology_dir(option: Path | None = None) -> Path:
    """The folder holding graphbuild.ttl and shapes.ttl.

    An explicit option or environment variable that points nowhere is an error rather
    than a silent fall-back, so a user never validates against an ontology they did not mean.
    """
    explicit = _explicit_choice(option)
    if explicit is not None:
        origin, path = explicit
        if _is_ontology_dir(path):
            return path
        raise OntologyNotFound(f"{origin}: no {ONTOLOGY_FILE} in {path}")
    candidates = (
        Path(__file__).resolve().parent.parent / "ontology",
        Path(sys.prefix) / "share" / "graphbuild" / "ontology",
    )
    for path in candidates:
        if _is_ontology_dir(path):
            return path
    tried = ", ".join(str(p) for p in candidates)
    raise OntologyNotFound(f"no {ONTOLOGY_FILE} found (tried {tried}); set {ENV_VAR} or pass --ontology")


def _load(name: str, option: Path | None) -> Graph:
    path = ontology_dir(option) / name
    if not path.is_file():
        raise OntologyNotFound(f"missing {path}")
    return Graph(bind_namespaces="none").parse(path, format="turtle")


def load_ontology(option: Path | None = None) -> Graph:
    """The OWL ontology (classes, properties, alignments) as an rdflib graph."""
    return _load(ONTOLOGY_FILE, option)


def load_shapes(option: Path | None = None) -> Graph:
    """The SHACL shapes graph used by graphbuild.validate."""
    return _load(SHAPES_FILE, option)
