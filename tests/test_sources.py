"""Every source a reader is pointed to is inside the repository.

A user who clones or installs the project has no notes beside it, so (a) no file may
send them to the working notes the project was built from (the fact sheet, the design
brief, a sibling folder), (b) every "evidence §N" must name a section that
docs/evidence.md has and every "article 00N" one of the five articles it lists, and (c)
every parameter must name its source. The files checked are those git tracks or would
track (new files not yet committed count too).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from simulation.commands import main
from simulation.declarations import ORGANISATION_FIELDS, PARAMS, VARIANTS
from simulation.targets import load_targets

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "docs" / "evidence.md"
TARGETS = ROOT / "scenarios" / "targets" / "netherlands.toml"
THIS = Path(__file__).resolve().relative_to(ROOT).as_posix()
SKIPPED = (".git/", ".venv", ".solara-cdn/")
#: Old changelog entries may cite the fact sheet's sections as they were then; they are
#: history, so only the names of files outside the repository are held against it.
HISTORY = ("CHANGELOG.md",)

#: Files outside the repository that the project was built from.
OUTSIDE = re.compile(r"\b(?:FACTS|MODEL|CONTRACT|STYLE|ENVIRONMENT)\.md\b|\.\./shared\b"
                     r"|\bshared/(?:domain|design|seeds|data|hooks|tools)\b|\bANCHORS-")
#: Citations of the fact sheet's sections or of the articles by their old file names.
OLD_CITATION = re.compile(r"\bFACTS\b|\bseeds?(?: 0\d\d| \([A-Z]|: [A-Z])")
#: A test that a text does *not* contain a name (``"FACTS" not in page``) is no reference.
ABSENCE_CHECK = re.compile(r"""(["'])[^"']*\1 not in\b""")
#: "evidence §6", "evidence §4 and §8", "evidence §1-§2", "docs/evidence.md §11".
SECTION = re.compile(r"\bevidence(?:\.md)? (§ ?\d+(?: ?[-–] ?§? ?\d+|(?:,| and| or|/) ?§ ?\d+)*)")
#: "article 004", "articles 000 and 002", "articles 000-004".
ARTICLE = re.compile(r"\barticles? (\d{3}(?: ?[-–/] ?\d{3}|(?:,| and| or) \d{3})*)")


def _numbers(cited: str) -> set[int]:
    """The section or article numbers a citation names, ranges expanded."""
    found: set[int] = set()
    for part in re.split(r",| and | or |/", cited):
        ends = [int(n) for n in re.findall(r"\d+", part)]
        if ends:
            found.update(range(min(ends), max(ends) + 1))
    return found


def _joined(text: str) -> str:
    """Text with adjacent string literals and wrapped comment lines joined, so that a
    citation broken over two lines is read whole."""
    text = re.sub(r'"\s*\n\s*[rf]?"', "", text)
    return re.sub(r"\s*\n\s*(?:#:?|//|\*)?\s*", " ", text)


def _repository_files() -> dict[str, str]:
    try:
        done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                               "--exclude-standard"], cwd=ROOT, capture_output=True,
                              check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the tracked files are unknown")
    texts = {}
    for name in sorted(set(done.stdout.decode("utf-8").split("\0")) - {"", THIS}):
        path = ROOT / name
        if name.startswith(SKIPPED) or not path.is_file():
            continue
        try:
            texts[name] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # a binary file cites nothing
            continue
    return texts


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return _repository_files()


def _sections() -> set[int]:
    return {int(n) for n in re.findall(r"^## §(\d+)\.", EVIDENCE.read_text("utf-8"), re.M)}


def _articles() -> set[int]:
    return {int(n) for n in re.findall(r"^\*\*Article (\d{3}) ", EVIDENCE.read_text("utf-8"),
                                       re.M)}


def _dangling(text: str) -> list[str]:
    """The citations in ``text`` that docs/evidence.md cannot answer."""
    sections, articles = _sections(), _articles()
    bad = [m.group(0) for m in SECTION.finditer(text) if not _numbers(m.group(1)) <= sections]
    return bad + [m.group(0) for m in ARTICLE.finditer(text)
                  if not _numbers(m.group(1)) <= articles]


def test_the_evidence_keeps_the_numbering_it_is_cited_by():
    """§1-§11 the facts, §12 suggested defaults, §13 validation targets, §14 the five
    articles, §15 the data files; sections may be added after them."""
    sections = _sections()
    assert sections == set(range(1, max(sections) + 1)) >= set(range(1, 16))
    assert _articles() == {0, 1, 2, 3, 4}


def _points_outside(name: str, line: str) -> bool:
    line = ABSENCE_CHECK.sub("", line)
    return bool(OUTSIDE.search(line)
                or (not name.startswith(HISTORY) and OLD_CITATION.search(line)))


def test_no_file_points_outside_the_repository(files):
    found = [f"{name}:{n}: {line.strip()[:90]}"
             for name, text in files.items() for n, line in enumerate(text.splitlines(), 1)
             if _points_outside(name, line)]
    assert not found, "cite docs/evidence.md ('evidence §N', 'article 00N') or " \
                      "docs/model.md instead:\n" + "\n".join(found)


def test_every_citation_names_a_section_the_evidence_has(files):
    found = [f"{name}: {cite}" for name, text in files.items()
             for cite in _dangling(_joined(text))]
    assert not found, "docs/evidence.md has no such section or article:\n" + "\n".join(found)


def _declared_sources() -> list[tuple[str, str]]:
    return ([(p.key, p.source) for p in (*PARAMS, *ORGANISATION_FIELDS)]
            + [(f"variant {v.name}", v.source) for v in VARIANTS])


@pytest.mark.parametrize("key, source", _declared_sources(),
                         ids=[k for k, _ in _declared_sources()])
def test_every_parameter_names_a_source_that_exists(key, source):
    assert source.strip(), f"{key}: empty source"
    assert not _dangling(source), f"{key}: {_dangling(source)}"
    if source.startswith("assumption"):
        assert len(source) > len("assumption: ") + 10, f"{key}: say why"
    else:
        assert source == "scenario file" or SECTION.search(source) \
            or ARTICLE.search(source), f"{key}: cite evidence §N or an article ({source!r})"


def test_every_target_cites_a_section_of_the_evidence():
    for t in load_targets(TARGETS):
        assert SECTION.match(t.source) and not _dangling(t.source), (t.observable, t.source)


def test_doorstroom_params_prints_sources_a_user_can_open(capsys):
    assert main(["params"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(PARAMS)
    for line, p in zip(lines, PARAMS):  # each line ends with the declared source, whose
        assert line.endswith(p.source), p.key  # citations the tests above check
        assert not (OLD_CITATION.search(line) or OUTSIDE.search(line)), line
