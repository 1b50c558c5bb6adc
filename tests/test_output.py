"""Atomic writers: complete or absent, never half-written."""

import json
import os
import stat

import pandas as pd
import pytest

from simulation.errors import InputError
from simulation.output import output_dir, write_csv, write_json, write_parquet


def test_output_dir_appears_only_when_complete(tmp_path):
    out = tmp_path / "run"
    with pytest.raises(RuntimeError):
        with output_dir(out) as tmp:
            write_json(tmp / "summary.json", {"a": 1})
            raise RuntimeError("crash halfway")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # the temporary folder is gone too
    with output_dir(out) as tmp:
        write_csv(tmp / "t.csv", pd.DataFrame({"x": [1, 2]}))
    assert (out / "t.csv").read_text() == "x\n1\n2\n"


def test_existing_output_needs_force_and_must_be_earlier_results(tmp_path):
    out = tmp_path / "run"
    with output_dir(out) as tmp:
        write_json(tmp / "old.json", {})
    with pytest.raises(InputError, match="force"):
        with output_dir(out):
            pass
    assert (out / "old.json").exists()
    with output_dir(out, force=True) as tmp:
        write_json(tmp / "new.json", {})
    assert not (out / "old.json").exists() and (out / "new.json").exists()
    (out / "mine.txt").write_text("keep me")
    with pytest.raises(InputError, match="mine.txt, which doorstroom did not write"):
        with output_dir(out, force=True):
            pass
    assert (out / "mine.txt").read_text() == "keep me" and (out / "new.json").exists()


def test_json_writes_null_for_undefined_numbers(tmp_path):
    write_json(tmp_path / "x.json", {"a": float("nan"), "b": [1.5, float("inf")]})
    assert json.loads((tmp_path / "x.json").read_text()) == {"a": None, "b": [1.5, None]}


@pytest.fixture(params=[0o022, 0o077], ids=["umask 022", "umask 077"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_folders_get_the_permissions_the_umask_gives(tmp_path, umask):
    file_mode, folder_mode = 0o666 & ~umask, 0o777 & ~umask  # 0644/0755 or 0600/0700
    out = tmp_path / "results" / "run"
    with output_dir(out) as tmp:
        assert _mode(tmp) == folder_mode  # also while it is being written
        write_json(tmp / "summary.json", {"a": 1})
        write_parquet(tmp / "runs.parquet", pd.DataFrame({"x": [1]}))
        (tmp / "parts").mkdir()
    write_csv(tmp_path / "table.csv", pd.DataFrame({"x": [1]}))
    assert _mode(out) == _mode(out / "parts") == _mode(out.parent) == folder_mode
    for name in ("summary.json", "runs.parquet"):
        assert _mode(out / name) == file_mode
    assert _mode(tmp_path / "table.csv") == file_mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results", "table.csv"]  # no temp
