"""The guard against compiled modules older than their sources (setup.py compiles with mypyc)."""

import os

import pytest

import graphbuild
from graphbuild import _check_compiled

SUFFIX = ".cpython-311-x86_64-linux-gnu.so"


def _package(tmp_path, source_time: int, compiled_time: int):
    package = tmp_path / "graphbuild"
    (package / "extractors").mkdir(parents=True)
    source, compiled = package / "extractors" / "speech.py", package / "extractors" / f"speech{SUFFIX}"
    source.write_text("")
    compiled.write_bytes(b"")
    os.utime(source, (source_time, source_time))
    os.utime(compiled, (compiled_time, compiled_time))
    (package / f"native__mypyc{SUFFIX}").write_bytes(b"")
    return package


def test_a_source_edited_after_compiling_stops_the_import(tmp_path):
    package = _package(tmp_path, source_time=2_000, compiled_time=1_000)
    with pytest.raises(ImportError) as error:
        _check_compiled(package)
    assert str(error.value) == (
        f"{package / 'extractors' / 'speech.py'}: changed after it was compiled to speech{SUFFIX}; run "
        "`make install` to compile it again, or `make pure` to remove the compiled modules")


def test_compiled_modules_newer_than_their_sources_and_the_shared_library_pass(tmp_path):
    _check_compiled(_package(tmp_path, source_time=1_000, compiled_time=2_000))


def test_compiled_tells_whether_the_hot_path_is_an_extension_module():
    from graphbuild import text

    assert graphbuild.compiled() is text.__file__.endswith(".so")
