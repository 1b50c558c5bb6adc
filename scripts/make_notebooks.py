"""Write the notebooks in notebooks/ (without outputs) from the cells below.

    python scripts/make_notebooks.py

The notebooks are small on purpose: tests/test_notebooks.py runs them top to bottom.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
SETUP = ("import os, pathlib\n"
         "# run from the project folder, wherever Jupyter was started\n"
         "while not pathlib.Path('scenarios').is_dir() and pathlib.Path.cwd().parent != "
         "pathlib.Path.cwd():\n    os.chdir('..')")

NOTEBOOKS = {
    "01_what_if.ipynb": [
        new_markdown_cell("# What if? One municipality, indicatie against voorziening\n"
                          "Small sizes so it runs in seconds; raise `replications` for real "
                          "answers."),
        new_code_cell(SETUP),
        new_code_cell("import simulation as ds\n"
                      "sc = ds.load_scenario('scenarios/baseline.toml', "
                      "{'simulation.months': 24})"),
        new_code_cell("res = ds.compare(sc, replications=4, workers=1)\n"
                      "table = res.comparison().set_index('metric')\n"
                      "table.loc[['net_cost_eur', 'jobs_started', 'participants_served']]"),
        new_code_cell("ts = res.timeseries.groupby(['policy', 'month'])['in_day_activity']"
                      ".mean().unstack(0)\nts.plot(title='in day activities');"),
        new_code_cell("# what if a third of the residents ask only where no assessment is "
                      "needed (+50% requests)?\n"
                      "more = ds.compare(sc.with_overrides({'help_seeking.latent_share': "
                      "0.33}), replications=4, workers=1)\n"
                      "more.comparison().set_index('metric').loc['mean_access_wait_months']"),
        new_code_cell("# a named alternative: open access with the safety net\n"
                      "alt = ds.compare(sc, replications=4, workers=1, "
                      "policies=('indicatie', 'open_with_safety_net'))\n"
                      "alt.comparison().set_index('metric').loc['jobs_sustained_12m']"),
        new_code_cell("from simulation.economics import cost_effectiveness\n"
                      "cost_effectiveness(res, 'indicatie', 'voorziening')['verdict']"),
        new_code_cell("from simulation.model import DoorstroomModel\n"
                      "m = DoorstroomModel(sc, policy='voorziening', "
                      "seed=sc['simulation.seed']).run(12)\n"
                      "len(m.agents), m.resident(0).status"),
        new_code_cell("assert (res.of('indicatie')['residents_end'] == "
                      "res.of('voorziening')['residents_end']).all()"),
    ],
    "02_sensitivity_and_discovery.ipynb": [
        new_markdown_cell("# Which assumptions matter? Sobol' indices and PRIM"),
        new_code_cell(SETUP),
        new_code_cell("import tempfile, pathlib\nimport simulation as ds\n"
                      "from simulation.sweep import run_sweep, sensitivity\n"
                      "sc = ds.load_scenario('scenarios/baseline.toml', "
                      "{'population.residents': 120, 'simulation.months': 12, "
                      "'indicatie.tariff_rule': 'fixed', 'voorziening.budget_rule': 'fixed'})\n"
                      "out = pathlib.Path(tempfile.mkdtemp()) / 'sweep'"),
        new_code_cell("keys = ['indicatie.tariff_per_dagdeel_eur', "
                      "'voorziening.budget_per_year_eur']\n"
                      "run_sweep(sc, keys, [[36, 66], [2e5, 8e5]], 'sobol', 8, 1, "
                      "('indicatie', 'voorziening'), out, progress=False)\n"
                      "sensitivity(out, 'net_cost_eur', difference=True)"),
        new_code_cell("from simulation.ema import discover\n"
                      "found = discover(out, 'net_cost_eur')\nfound['rule']"),
    ],
    "03_calibration.ipynb": [
        new_markdown_cell("# Calibration: fit help seeking to a municipality's monthly "
                          "counts\nHere the 'records' come from the model itself, so the "
                          "answer is known (0.006)."),
        new_code_cell(SETUP),
        new_code_cell("import tempfile, pathlib\nimport simulation as ds\n"
                      "from simulation.experiment import run_replications\n"
                      "truth = ds.load_scenario('scenarios/baseline.toml', "
                      "{'population.residents': 200, 'simulation.months': 24, "
                      "'help_seeking.per_month': 0.006})\n"
                      "series = run_replications(truth, ('indicatie',), 6, seed=5)"
                      ".timeseries.groupby('month')[['in_day_activity']].mean()\n"
                      "records = pathlib.Path(tempfile.mkdtemp()) / 'records.csv'\n"
                      "series.to_csv(records)"),
        new_code_cell("from simulation.calibrate import calibrate, load_observations\n"
                      "start = truth.with_overrides({'help_seeking.per_month': 0.0035})\n"
                      "obs = load_observations(records, 'indicatie', replications=2, seed=1)\n"
                      "fit = calibrate(start, obs, ['help_seeking.per_month'], "
                      "[[0.001, 0.012]], 'indicatie', maxiter=3)\n"
                      "fit.values, fit.intervals"),
    ],
}


def main() -> None:
    folder = ROOT / "notebooks"
    folder.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        for i, cell in enumerate(cells):  # stable ids: the same script writes the same file
            cell.id = f"cell-{i}"
        nb = new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, folder / name)
        print(f"wrote notebooks/{name}")


if __name__ == "__main__":
    main()
