"""Atomic writers: complete or absent, never half-written."""

import json

import pandas as pd
import pytest

from simulation.errors import InputError
from simulation.output import output_dir, write_csv, write_json


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


def test_existing_output_needs_force(tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    (out / "old.txt").write_text("keep me")
    with pytest.raises(InputError, match="--force"):
        with output_dir(out):
            pass
    assert (out / "old.txt").exists()
    with output_dir(out, force=True) as tmp:
        write_json(tmp / "new.json", {})
    assert not (out / "old.txt").exists() and (out / "new.json").exists()


def test_json_writes_null_for_undefined_numbers(tmp_path):
    write_json(tmp_path / "x.json", {"a": float("nan"), "b": [1.5, float("inf")]})
    assert json.loads((tmp_path / "x.json").read_text()) == {"a": None, "b": [1.5, None]}
