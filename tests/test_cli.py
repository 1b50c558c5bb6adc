"""The command line as README.md documents it: commands, outputs, exit codes, messages."""

import csv
import json
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from simulation import dashboard
from simulation.commands import dashboard as dashboard_command
from simulation.commands import main
from simulation.commands.inspect import params_markdown
from simulation.metrics import CONTRACT
from simulation.declarations import PARAMS
from simulation.errors import InputError
from simulation.scenario import BUILTIN, builtin_names, load
from simulation.targets import DEFAULT_FILE, load_targets

SMALL = ["--set", "population.residents=120", "--months", "12", "--replications", "3",
         "--workers", "1", "--quiet"]
TS_COLUMNS = ["replication", "month", "residents", *(f"rung_{r}" for r in range(1, 7)),
              "waiting_assessment", "waiting_placement", "in_day_activity",
              "in_trial_placement", "in_paid_work", "jobs_started", "cost_total_eur"]


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("args, words", [
    (["validate", "missing.toml"], "not found"),
    (["validate", "scenarios"], "is a directory"),
    (["validate", "scenarios/baseline.toml", "--set", "indicatie.asessments_per_month=3"],
     "did you mean 'indicatie.assessments_per_month'"),
    (["validate", "scenarios/baseline.toml", "--set", "population.residents=-4"],
     "out of range"),
    (["validate", "scenarios/baseline.toml", "--set", "population.residents=abc"],
     "must be a whole number"),
    (["validate", "scenarios/baseline.toml", "--set", "indicatie.tariff_per_dagdeel_eur=nan"],
     "finite"),
    (["run", "scenarios/baseline.toml", "--policy", "indicatei", *SMALL], "did you mean"),
    (["run", "scenarios/baseline.toml", "--replications", "0", "--workers", "1"],
     "simulation.replications = 0 is out of range"),
    (["compare", "scenarios/baseline.toml", "--a", "indicatie", "--b", "indicatie", *SMALL],
     "the same policy set"),
    (["compare", "baseline.toml", *SMALL], "the built-in scenarios are baseline, landerd"),
    (["init", "nope"], "not a built-in scenario; choose from baseline, landerd"),
])
def test_bad_input_exits_2_with_one_plain_line(args, words, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("doorstroom: error:") and words in err
    assert "Traceback" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["validate", "scenarios/nope.toml"],
    ["run", "scenarios/baseline.toml", "--seed", "abc"],
    ["run", "scenarios/baseline.toml", "--set", "population.residents=50000000",
     "--months", "600"],
])
def test_real_process_exit_code_2_and_no_traceback(args):
    done = subprocess.run([sys.executable, "-m", "simulation", *args], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "error" in done.stderr


def test_validate_params_and_plan(capsys):
    assert main(["validate", "scenarios/baseline.toml"]) == 0
    assert capsys.readouterr().out.startswith("OK: scenarios/baseline.toml")
    assert main(["params"]) == 0
    out = capsys.readouterr().out
    assert all(p.key in out for p in PARAMS)
    with open("docs/parameters.md", encoding="utf-8") as fh:
        assert fh.read() == params_markdown(), "docs/parameters.md is stale: run `make docs`"
    assert main(["plan"]) == 0
    phases = [line.split()[1] for line in capsys.readouterr().out.splitlines()]
    assert phases == ["population_flow", "help_seeking", "access", "day_activities",
                      "work_pathway", "money", "observe"]


def test_run_writes_the_contract_files(tmp_path):
    out = tmp_path / "run"
    assert main(["run", "scenarios/baseline.toml", *SMALL, "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert {"scenario", "policy", "seed", "months", "replications", "version",
            "scenario_sha256", "parameters", "metrics", "metrics_ci95"} <= set(summary)
    assert summary["policy"] == "indicatie" and summary["months"] == 12
    assert set(CONTRACT) <= set(summary["metrics"])
    assert summary["parameters"]["population.residents"] == 120
    reps = _rows(out / "replications.csv")
    assert len(reps) == 3 and list(reps[0])[0] == "replication"
    assert set(CONTRACT) <= set(reps[0])
    ts = _rows(out / "timeseries.csv")
    assert set(TS_COLUMNS) <= set(ts[0]) and len(ts) == 3 * 12
    for m in CONTRACT:  # the summary's mean is the mean of the replications
        vals = [float(r[m]) for r in reps if r[m] != ""]
        if vals:
            assert summary["metrics"][m] == pytest.approx(sum(vals) / len(vals))


def test_compare_writes_report_and_paired_differences(tmp_path):
    out = tmp_path / "cmp"
    assert main(["compare", "scenarios/baseline.toml", *SMALL, "--out", str(out)]) == 0
    data = json.loads((out / "comparison.json").read_text())
    assert {"scenario", "seed", "replications", "metrics"} <= set(data)
    reps = _rows(out / "replications.csv")
    assert {r["policy"] for r in reps} == {"indicatie", "voorziening"}
    for m in ("net_cost_eur", "jobs_started", "participants_served"):
        entry = data["metrics"][m]
        assert set(entry) == {"indicatie", "voorziening", "difference", "ci95"}
        a = {r["replication"]: float(r[m]) for r in reps if r["policy"] == "indicatie"}
        b = {r["replication"]: float(r[m]) for r in reps if r["policy"] == "voorziening"}
        assert entry["difference"] == pytest.approx(sum(b[k] - a[k] for k in a) / len(a))
    assert "policy" in _rows(out / "timeseries.csv")[0]
    assert {"report.html", "ladder.png", "jobs.png", "costs.png", "waiting.png"} <= {
        p.name for p in out.iterdir()}
    run = tmp_path / "run"
    assert main(["run", "scenarios/baseline.toml", *SMALL, "--policy", "voorziening",
                 "--out", str(run)]) == 0
    summary = json.loads((run / "summary.json").read_text())
    for m in CONTRACT:
        if summary["metrics"][m] is not None:
            assert summary["metrics"][m] == pytest.approx(data["metrics"][m]["voorziening"])


def test_outputs_are_identical_for_any_worker_count(tmp_path):
    for workers in ("1", "2"):
        args = [a if a != "1" else workers for a in SMALL]  # only --workers is "1"
        assert main(["compare", "scenarios/baseline.toml", *args,
                     "--out", str(tmp_path / workers)]) == 0
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "2").iterdir())
    for name in names:
        if name in ("provenance.json", ".doorstroom"):  # the command line, --workers
            continue  # included, and (the marker) the files' hashes, provenance.json's too
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_one_replication_shows_no_interval_and_existing_output_needs_force(tmp_path, capsys):
    out = tmp_path / "one"
    args = ["run", "scenarios/baseline.toml", "--set", "population.residents=60", "--months",
            "6", "--replications", "1", "--workers", "1", "--quiet", "--out", str(out)]
    assert main(args) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert all(v == [None, None] for v in summary["metrics_ci95"].values())
    assert main(args) == 2
    assert "--force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_english_report(tmp_path):
    from simulation.report import LABELS

    out = tmp_path / "en"
    assert main(["compare", "scenarios/baseline.toml", *SMALL, "--lang", "en",
                 "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert LABELS["en"]["answer"] in page and 'lang="en"' in page


def test_a_variant_with_nothing_to_act_on_says_so_at_validation(tmp_path, capsys):
    """Volunteering that lowers support at home, where nobody has support at home."""
    path = tmp_path / "idle.toml"
    (tmp_path / "baseline.toml").write_bytes((BUILTIN / "baseline.toml").read_bytes())
    body = ('[alternatives.theo]\nregime = "indicatie"\nvariants = ["volunteer_offset"]\n')
    path.write_text('extends = "baseline.toml"\n' + body)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "note: variant volunteer_offset (alternative 'theo') has nothing to act on" in out
    assert "home_support.share_with_support = 0" in out
    path.write_text('extends = "baseline.toml"\n[home_support]\nshare_with_support = 0.2\n'
                    + body)
    assert main(["validate", str(path)]) == 0
    assert "volunteer_offset" not in capsys.readouterr().out
    # named only as what an alternative switches to
    path.write_text('extends = "baseline.toml"\n[alternatives.later]\nregime = "indicatie"\n'
                    'switch_month = 13\nswitch_to = "voorziening+volunteer_offset"\n')
    assert main(["validate", str(path)]) == 0
    assert ("note: variant volunteer_offset (alternative 'later' after its switch) has "
            "nothing to act on") in capsys.readouterr().out


# --- built-in scenarios ---------------------------------------------------------------


def test_a_built_in_scenario_runs_by_name_from_any_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "ommen"]) == 0
    residents = load("ommen")["population.residents"]
    assert capsys.readouterr().out.startswith(f"OK: ommen: {residents:,} residents in scope")
    assert main(["run", "ommen", *SMALL]) == 0
    summary = json.loads(next((tmp_path / "results" / "ommen").glob("*/summary.json")).read_text())
    assert summary["scenario"] == "ommen" and summary["parameters"]["population.residents"] == 120
    Path("baseline").write_text("[population]\nresidents = 123\n")  # a file wins over a name
    assert main(["validate", "baseline"]) == 0
    assert "123 residents in scope" in capsys.readouterr().out


def test_check_targets_reads_the_built_in_targets_by_default(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check-targets", "baseline", "--replications", "1", "--workers", "1",
                 "--set", "simulation.months=12", "--set", "population.residents=120"]) == 0
    out = capsys.readouterr().out
    assert f"targets from {DEFAULT_FILE}" in out and DEFAULT_FILE.parent.parent == BUILTIN
    rows = re.findall(r"^  (?:PASS|OFF|N/A) +(\w+)", out, re.M)
    assert sorted(rows) == sorted(t.observable for t in load_targets(DEFAULT_FILE))


def test_scenarios_lists_each_built_in_with_its_first_comment(capsys):
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = {line.split()[0]: line.split(None, 1)[1] for line in lines[:len(builtin_names())]}
    assert sorted(listed) == builtin_names() and {"baseline", "ommen", "netherlands"} <= set(listed)
    for name, said in listed.items():
        lines = (BUILTIN / f"{name}.toml").read_text(encoding="utf-8").splitlines()
        assert next(line for line in lines if line.startswith("#")) == f"# {said}"


def test_init_copies_a_built_in_and_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "ommen"]) == 0
    copy = tmp_path / "ommen.toml"
    assert copy.read_bytes() == (BUILTIN / "ommen.toml").read_bytes()
    assert "doorstroom compare ommen.toml" in capsys.readouterr().out
    copy.write_text("# mine\n")
    assert main(["init", "ommen"]) == 2
    assert "ommen.toml exists" in capsys.readouterr().err
    assert copy.read_text() == "# mine\n"
    assert main(["init", "ommen", "--to", "mine/edited.toml"]) == 0
    assert load("mine/edited.toml").values == load("ommen").values


def test_init_brings_what_a_scenario_refers_to(tmp_path, monkeypatch, capsys):
    """The national scenario extends the baseline and reads two tables in ../data: the
    copy gets them all beside it, so it loads as it is."""
    assert main(["init", "netherlands", "--to", str(tmp_path / "nl")]) == 0
    assert sorted(p.name for p in (tmp_path / "nl").iterdir()) == [
        "baseline.toml", "municipal_social_2021.csv", "municipalities.csv", "netherlands.toml"]
    copy = load(tmp_path / "nl" / "netherlands.toml")
    assert len(copy.municipalities) == len(load("netherlands").municipalities) == 342
    assert copy["national.municipalities"] == str(tmp_path / "nl" / "municipalities.csv")
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "baseline.toml").write_text("# mine\n")
    assert main(["init", "netherlands", "--to", str(tmp_path / "again")]) == 2
    assert "baseline.toml exists" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "again").iterdir()] == ["baseline.toml"]  # nothing
    assert main(["init", "netherlands", "--to", str(tmp_path / "x" / "baseline.toml")]) == 2
    assert "would be written twice" in capsys.readouterr().err  # it extends baseline.toml
    assert not (tmp_path / "x").exists()


# --- the dashboard's page assets ----------------------------------------------------------


@pytest.fixture
def fake_npm(tmp_path, monkeypatch):
    """An ``npm`` on the PATH whose ``pack`` writes a tarball of one file naming the
    package (and one that tries to escape the cache); its calls are logged. Temporary
    folders are made under ``tmp_path``, so an escape would show there."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    log = tmp_path / "npm.log"
    script = folder / "npm"
    script.write_text(f"""#!{sys.executable}
import io, sys, tarfile
package = sys.argv[-1]
with open({str(log)!r}, "a") as fh:
    fh.write(package + "\\n")
if package == "vega@5" and "FAIL_VEGA" in __import__("os").environ:
    sys.exit("npm error 404")
name = "pkg.tgz"
with tarfile.open(name, "w:gz") as tar:
    for path, text in (("package/index.js", package), ("package/../../escape.js", "x")):
        data = text.encode()
        info = tarfile.TarInfo(path)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
print(name)
""")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("SOLARA_ASSETS_PROXY_CACHE_DIR", str(tmp_path / "cache"))
    return log


def test_fetch_assets_fills_the_cache_once_with_progress(fake_npm, tmp_path, capsys):
    assert main(["dashboard", "--fetch-assets"]) == 0
    err = capsys.readouterr().err
    total = len(dashboard_command.PACKAGES)
    assert "fetching the dashboard's page assets with npm" in err
    assert all(f"[{i}/{total}]" in err for i in range(1, total + 1))
    for package in dashboard_command.PACKAGES:
        assert (tmp_path / "cache" / package / "index.js").read_text() == package
    assert not list(tmp_path.rglob("escape.js"))  # a tarball cannot write outside its folder
    assert main(["dashboard", "--fetch-assets"]) == 0  # all there: npm is not asked again
    assert "fetching" not in capsys.readouterr().err
    assert fake_npm.read_text().split() == list(dashboard_command.PACKAGES)


def test_fetch_assets_says_plainly_when_npm_is_missing_or_fails(fake_npm, tmp_path,
                                                              monkeypatch, capsys):
    monkeypatch.setenv("FAIL_VEGA", "1")
    assert main(["dashboard", "--fetch-assets"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("doorstroom: npm pack vega@5 failed: npm error 404")
    assert not (tmp_path / "cache" / "vega@5").exists()  # no half package left behind
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert main(["dashboard", "--fetch-assets"]) == 1
    err = capsys.readouterr().err.strip()
    assert "npm is not installed" in err and len(err.splitlines()) == 1


def test_the_first_start_fetches_the_assets_before_serving(fake_npm, tmp_path, monkeypatch):
    cached = []

    def configure(scenario_path, lang):  # stands in for the server's start
        cached.extend(p.name for p in (tmp_path / "cache").rglob("index.js"))
        raise InputError("stopped before serving")

    monkeypatch.setattr(dashboard, "configure", configure)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["dashboard", "--port", str(port)]) == 2
    assert len(cached) == len(dashboard_command.PACKAGES)
