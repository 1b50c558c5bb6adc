"""The dashboard's edges: the command that starts it and the environment it sets, and
what a page reads and writes (uploads, downloads, the one results folder)."""

import dataclasses
import importlib.util
import json
import socket
import subprocess
import sys

import pytest

import simulation.dashboard as dashboard
from simulation.commands import main
from simulation.dashboard import files, replications, texts
from simulation.dashboard.twin import TwinModel
from simulation.experiment import run_replications
from simulation.scenario import loads


# --- downloads, uploads and the results folder ----------------------------------------


def test_the_toml_download_reruns_the_same_scenario(baseline):
    inputs = {"policy.regime": "voorziening", "compare_with": "indicatie",
              "simulation.seed": "123", "voorziening.budget_rule": "fixed",
              "voorziening.budget_per_year_eur": 612_000.0,
              "indicatie.assessments_per_month": 9, "variant:ontschot": True,
              "variant:safety_net": True}
    twin = TwinModel(baseline, **inputs)
    text = files.toml_download(twin.scenario_used, twin.policies)
    assert "doorstroom compare baseline.toml --a voorziening --b indicatie" in text
    again = loads(text, name="baseline")
    assert dict(again.values) == dict(twin.scenario_used.values)
    assert again.sha256 == twin.scenario_used.sha256
    assert again["policy.variants"] == ["ontschot", "safety_net"]
    assert again["voorziening.budget_per_year_eur"] == 612_000.0
    assert again["simulation.seed"] == 123


def test_upload_limits_and_parsing(tmp_path):
    good = b'[population]\nresidents = 120\n'
    sc = files.read_upload("Mijn Gemeente.toml", len(good), lambda n: good[:n])
    assert sc.name == "upload-Mijn-Gemeente" and sc["population.residents"] == 120
    big = b"#" * (files.MAX_UPLOAD_BYTES + 1)
    for size in (len(big), 10):  # what the browser says, and a lie the read catches
        with pytest.raises(files.UploadRefused) as refused:
            files.read_upload("big.toml", size, lambda n: big[:n])
        assert refused.value.key == "upload_too_big"
    calls = []
    with pytest.raises(files.UploadRefused) as refused:
        files.read_upload("big.toml", 10**9, lambda n: calls.append(n) or b"")
    assert refused.value.key == "upload_too_big" and calls == []  # not even read
    cases = [("x.py", b"import os", "upload_not_toml"),
             ("x.toml", b"\xff\xfe", "upload_not_text"),
             ("x.toml", b'[population]\nresidents = "__import__(\'os\')"\n', "upload_bad"),
             ("x.toml", b"not = [valid", "upload_bad")]
    for name, data, key in cases:
        with pytest.raises(files.UploadRefused) as refused:
            files.read_upload(name, len(data), lambda n, d=data: d[:n])
        assert refused.value.key == key
    message = texts.text("nl", "upload_too_big", size=70, kb=64)
    assert "64 kB" in message


def test_a_hostile_scenario_name_writes_only_under_the_results_folder(tmp_path, monkeypatch):
    root = tmp_path / "results" / "dashboard"
    monkeypatch.setenv(files.RESULTS_ENV, str(root))
    data = b"[population]\nresidents = 40\n[simulation]\nmonths = 4\n"
    sc = files.read_upload("../../etc/x.toml", len(data), lambda n: data[:n])
    assert sc.name == "upload-x"
    assert files.safe_name("../../etc/x") == "etc-x" and files.safe_name("../..") == "scenario"
    sc = dataclasses.replace(sc, name="../../etc/x")  # even if a name got through unsanitised
    res = run_replications(sc, ("indicatie", "voorziening"), 2, workers=1, progress=False)
    folder = replications.save(res, "nl")
    assert folder.parent == root.resolve() and folder.name.startswith("etc-x-")
    assert {"report.html", "comparison.json", "replications.csv", "scenario.toml",
            "provenance.json"} <= {p.name for p in folder.iterdir()}
    assert [p for p in tmp_path.rglob("*") if p.is_file() and root not in p.parents] == []
    assert main(["reproduce", str(folder), "--workers", "1"]) == 0  # rerun from the CLI
    with pytest.raises(Exception, match="outside"):
        files.inside(root, root / ".." / "x")
    with pytest.raises(Exception, match="outside"):
        files.report_download(tmp_path)
    page = files.report_download(folder).decode("utf-8")
    assert 'src="data:image/png;base64,' in page and 'src="ladder.png"' not in page
    assert files.comparison_csv(res).startswith("metric,indicatie,voorziening,difference")


def test_scenario_catalog_lists_the_project_files():
    catalog = files.scenario_catalog(files.Path("scenarios"), files.Path("scenarios/ommen.toml"))
    assert list(catalog)[0] == "ommen"
    assert {"baseline", "oldenzaal", "ommen", "oudewater", "landerd"} <= set(catalog)
    assert all(path.suffix == ".toml" and path.is_absolute() for path in catalog.values())
    national = [p.stem for p in files.Path("scenarios").glob("*.toml")
                if files.is_national(files.load(p))]
    assert not set(national) & set(catalog)  # the page shows one municipality


def test_a_national_scenario_is_refused_plainly(tmp_path, capsys):
    table = tmp_path / "gemeenten.csv"
    table.write_text("code,name,province,inhabitants\nGM0001,Een,Utrecht,30000\n")
    national = tmp_path / "land.toml"
    national.write_text('[national]\nmunicipalities = "gemeenten.csv"\n')
    assert files.is_national(files.load(national))
    assert main(["dashboard", str(national)]) == 2
    assert "national scenario" in capsys.readouterr().err
    assert "land" not in files.scenario_catalog(tmp_path)


# --- the command ------------------------------------------------------------------------


def test_dashboard_help_and_plain_exit_2_on_bad_input(capsys):
    with pytest.raises(SystemExit) as done:
        main(["dashboard", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--port" in out and "--host" in out and "127.0.0.1" in out
    for args, words in ((["dashboard", "scenarios/nope.toml"], "not found"),
                        (["dashboard", "scenarios/baseline.toml", "--port", "70000"], "--port"),
                        (["dashboard", "scenarios/baseline.toml", "--host", "no.such.host."],
                         "--host")):
        assert main(args) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("doorstroom: error:") and words in err
        assert "Traceback" not in err and len(err.splitlines()) == 1


def test_dashboard_without_its_extras_says_what_to_install(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "solara" else real(name, *a))
    assert main(["dashboard"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'doorstroom[dashboard]'" in err and "Traceback" not in err


def test_dashboard_refuses_a_port_in_use(capsys):
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        assert main(["dashboard", "--port", str(port)]) == 2
    assert "choose another --port" in capsys.readouterr().err


def test_a_results_folder_it_cannot_write_is_said_before_the_server_starts(
        tmp_path, monkeypatch, capsys):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv(dashboard.RESULTS_ENV, str(tmp_path / "a-file" / "results"))
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert main(["dashboard", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert "the dashboard's results folder" in err and "Traceback" not in err


def test_bad_scenario_in_a_real_process_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[population]\nbijstand_share_by_group = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9]\n"
                   "uwv_share_by_group = [0.5, 0.0, 0.0, 0.0, 0.0, 0.0]\n")
    done = subprocess.run([sys.executable, "-m", "simulation", "dashboard", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "at most 1" in done.stderr


def test_the_server_environment_is_offline_and_quiet(monkeypatch, tmp_path):
    for name in ("SOLARA_ASSETS_PROXY_CACHE_DIR", "SOLARA_TELEMETRY_MIXPANEL_ENABLE",
                 "SOLARA_THEME_SHOW_BANNER", dashboard.SCENARIO_ENV, dashboard.LANG_ENV,
                 files.RESULTS_ENV):
        monkeypatch.setenv(name, "")  # restored after the test
    monkeypatch.delenv("SOLARA_ASSETS_PROXY_CACHE_DIR")
    monkeypatch.setattr(dashboard, "ASSET_CACHE", tmp_path / "none")
    monkeypatch.chdir(tmp_path)
    assert dashboard.asset_cache() is None  # nothing cached: Solara's own default
    (tmp_path / ".solara-cdn" / "requirejs@2.3.6").mkdir(parents=True)
    dashboard.configure(files.Path(__file__).parent.parent / "scenarios/ommen.toml", "en")
    env = dashboard.os.environ
    assert env["SOLARA_ASSETS_PROXY_CACHE_DIR"] == str(tmp_path / ".solara-cdn")
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert env["SOLARA_THEME_SHOW_BANNER"] == "False"  # no badge over the page's corner
    assert env[dashboard.SCENARIO_ENV].endswith("scenarios/ommen.toml")
    assert env[dashboard.LANG_ENV] == "en"
    assert env[files.RESULTS_ENV] == str(tmp_path / "results" / "dashboard")


def _loaded_by_importing(modules: str, watched: tuple[str, ...]) -> list[str]:
    """The watched packages a fresh interpreter has loaded after importing ``modules``."""
    code = (f"import json, sys, {modules}; print(json.dumps(sorted(m for m in sys.modules "
            f"if m.startswith({watched!r}))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_importing_the_command_line_loads_neither_solara_nor_mesa():
    assert _loaded_by_importing("simulation.commands, simulation.dashboard",
                                ("solara", "mesa")) == []


def test_the_dashboard_package_does_not_import_the_command_line():
    assert _loaded_by_importing("simulation.dashboard", ("simulation.commands",)) == []
