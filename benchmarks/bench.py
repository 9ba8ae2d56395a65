"""Build cost of the directives against the same content written as plain reST.

    python benchmarks/bench.py [--sizes 10 100 1000] [--theme-sizes 200 1000]
                               [--repeat 3] [--out FILE] [--skip-docs] [--skip-weight]

For each size it generates two projects side by side: every page of the first holds
``va-toolkit`` (client mode); every page of the second holds the text that directive
produces, written out as plain reStructuredText (same headings, paragraphs, lists,
links and table). It then measures, each build in a fresh process and reporting
medians: a full HTML build (wall time and peak RSS), ``-j 2`` against ``-j 1``, a
no-change rebuild and a rebuild after a config change (with the number of pages each
re-read). Then the weight of the toolkit page under the vatoolkit theme, furo and
alabaster, the full build of the same toolkit project under four themes with their
default sidebars (``--theme-sizes``), and the build of this repository's docs in every
language. Results are printed as Markdown tables.

Both projects drop alabaster's sidebars: Sphinx renders the whole global toctree into
every page's sidebar, a cost that grows with the square of the page count and is the
same on both sides, so keeping it would only hide the directives' own cost.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes

ROOT = Path(__file__).resolve().parent.parent
CONFIG_SOURCE = ROOT / "tests" / "roots" / "test-toolkit" / "conf.py"
PAGE = "Page {n}\n{underline}\n\n.. va-toolkit::\n"


# -- the plain reST twin -------------------------------------------------------------


def inline(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        text = str(node)
        for char in "\\*`|_":
            text = text.replace(char, "\\" + char)
        return text
    assert isinstance(node, nodes.Element)
    inner = "".join(inline(child) for child in node.children)
    if isinstance(node, nodes.strong):
        return f"**{inner}**"
    if isinstance(node, nodes.literal):
        return f"``{node.astext()}``"
    if isinstance(node, nodes.reference) and node.get("refuri"):
        return f"`{inner or node['refuri']} <{node['refuri']}>`__"
    return inner


def block(node: nodes.Node, depth: int, indent: str = "") -> list[str]:
    underline = "=-~^\"'"
    if isinstance(node, nodes.section):
        lines: list[str] = []
        for child in node.children:
            if isinstance(child, nodes.title):
                title = inline(child)
                lines += [title, underline[min(depth, 5)] * max(len(title), 4), ""]
            else:
                lines += block(child, depth + 1)
        return lines
    if isinstance(node, nodes.paragraph):
        return [indent + inline(node), ""]
    if isinstance(node, nodes.rubric):
        return [f"{indent}.. rubric:: {inline(node)}", ""]
    if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
        marker = "* " if isinstance(node, nodes.bullet_list) else "#. "
        lines = []
        for item in node.children:
            body: list[str] = []
            for child in item.children:
                body += block(child, depth, indent + " " * len(marker))
            body = [line for line in body if line.strip()] or [""]
            lines.append(indent + marker + body[0].strip())
            lines += body[1:]
        return [*lines, ""]
    if isinstance(node, nodes.table):
        rows = [row for row in node.findall(nodes.row)]
        lines = [f"{indent}.. list-table::", f"{indent}   :header-rows: 1", ""]
        for row in rows:
            for index, entry in enumerate(row.children):
                text = " ".join(inline(p) for p in entry.findall(nodes.paragraph)) or "-"
                lines.append(f"{indent}   {'* -' if index == 0 else '  -'} {text}")
        return [*lines, ""]
    if isinstance(node, nodes.Element):
        lines = []
        for child in node.children:
            lines += block(child, depth, indent)
        return lines
    return []


def plain_twin(work: Path) -> str:
    """The reST a person would write by hand for one toolkit page."""
    from sphinx.application import Sphinx

    src = work / "twin-src"
    src.mkdir()
    shutil.copy(CONFIG_SOURCE, src / "conf.py")
    (src / "index.rst").write_text(PAGE.format(n=1, underline="=" * 6), encoding="utf-8")
    app = Sphinx(
        str(src),
        str(src),
        str(work / "twin-out"),
        str(work / "twin-doctrees"),
        "pseudoxml",
        status=None,
        warning=None,
        freshenv=True,
    )
    app.build()
    doctree = app.env.get_doctree("index")
    body = "\n".join(block(doctree.children[0], 0))
    return body.split("\n", 3)[3]  # without the page title, added per page


# -- projects and measurements ---------------------------------------------------------

NO_SIDEBARS = '\nhtml_sidebars = {"**": []}\n'


def make_projects(work: Path, size: int, twin: str) -> tuple[Path, Path]:
    directives, plain = work / f"directives-{size}", work / f"plain-{size}"
    for project in (directives, plain):
        project.mkdir()
        conf = CONFIG_SOURCE.read_text(encoding="utf-8").replace('"myst_parser", ', "")
        if project is plain:
            conf = conf.replace('"sphinx_vatoolkit"', "")
        (project / "conf.py").write_text(conf + NO_SIDEBARS, encoding="utf-8")
    toctree = ".. toctree::\n   :maxdepth: 1\n\n" + "".join(f"   page{n}\n" for n in range(size))
    for project in (directives, plain):
        (project / "index.rst").write_text("Index\n=====\n\n" + toctree, encoding="utf-8")
    for n in range(size):
        title = f"Page {n}"
        underline = "=" * len(title)
        (directives / f"page{n}.rst").write_text(
            PAGE.format(n=n, underline=underline), encoding="utf-8"
        )
        (plain / f"page{n}.rst").write_text(f"{title}\n{underline}\n\n{twin}\n", encoding="utf-8")
    return directives, plain


@dataclass
class Run:
    seconds: float
    mebibytes: float
    pages_read: int


def build_here(project: Path, out: Path, jobs: int) -> Run:
    """One build in this process: wall time, this process's peak RSS, pages read."""
    from sphinx.application import Sphinx

    read: list[str] = []
    start = time.perf_counter()
    app = Sphinx(
        str(project),
        str(project),
        str(out / "html"),
        str(out / "doctrees"),
        "html",
        status=None,
        warning=sys.stderr,
        parallel=jobs,
    )
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    app.build()
    elapsed = time.perf_counter() - start
    if app.statuscode:
        raise SystemExit(f"build of {project} failed")
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run(elapsed, memory, len(read))


def isolated_build(project: Path, out: Path, jobs: int = 1) -> Run:
    """Each measurement in a fresh process, so its peak memory is its own."""
    result = subprocess.run(
        [sys.executable, __file__, "one", str(project), str(out), str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, mebibytes, pages_read = result.stdout.split()[-3:]
    return Run(float(seconds), float(mebibytes), int(pages_read))


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(run.seconds for run in runs),
        statistics.median(run.mebibytes for run in runs),
        max(run.pages_read for run in runs),
    )


def full_builds(projects: list[Path], out_root: Path, repeat: int, jobs: int = 1) -> list[Run]:
    """Medians of full builds; the projects alternate so that a change in the
    machine's load during the run weighs on each of them alike."""
    runs: dict[Path, list[Run]] = {project: [] for project in projects}
    for attempt in range(repeat):
        for project in projects:
            out = out_root / f"{project.name}-j{jobs}-{attempt}"
            runs[project].append(isolated_build(project, out, jobs))
            print(
                f"  {project.name}, run {attempt + 1}: {runs[project][-1].seconds:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    return [median_run(runs[project]) for project in projects]


def rebuilds(project: Path, out_root: Path, repeat: int) -> tuple[Run, Run]:
    """A rebuild with nothing changed, and one after changing one fact in conf.py."""
    no_change, config_change = [], []
    for attempt in range(repeat):
        work = out_root / f"{project.name}-rebuild-{attempt}"
        copy = work / "src"
        shutil.copytree(project, copy)
        isolated_build(copy, work)
        no_change.append(isolated_build(copy, work))
        conf = copy / "conf.py"
        text = conf.read_text(encoding="utf-8")
        conf.write_text(text.replace("24 hours", f"{48 + attempt} hours"), encoding="utf-8")
        config_change.append(isolated_build(copy, work))
    return median_run(no_change), median_run(config_change)


def scaling_table(work: Path, sizes: list[int], repeat: int, twin: str) -> list[str]:
    rows = [
        "| Pages | Full build, directives / plain (s) | Ratio | Directives, ms per page "
        "| Peak memory, directives / plain (MiB) | Ratio | `-j 2` / `-j 1`: directives / plain "
        "| No-change rebuild: s, pages read | Config change: s, pages read |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        directives, plain = make_projects(work, size, twin)
        with_directives, by_hand = full_builds([directives, plain], work, repeat)
        parallel, parallel_by_hand = full_builds([directives, plain], work, repeat, jobs=2)
        no_change, config_change = rebuilds(directives, work, repeat)
        rows.append(
            f"| {size} | {with_directives.seconds:.2f} / {by_hand.seconds:.2f} "
            f"| {with_directives.seconds / by_hand.seconds:.2f} "
            f"| {1000 * with_directives.seconds / size:.0f} "
            f"| {with_directives.mebibytes:.0f} / {by_hand.mebibytes:.0f} "
            f"| {with_directives.mebibytes / by_hand.mebibytes:.2f} "
            f"| {parallel.seconds / with_directives.seconds:.2f} / "
            f"{parallel_by_hand.seconds / by_hand.seconds:.2f} "
            f"| {no_change.seconds:.2f}, {no_change.pages_read} "
            f"| {config_change.seconds:.2f}, {config_change.pages_read} of {size + 1} |"
        )
        print(rows[-1], flush=True)
    return rows


# -- theme cost at scale -----------------------------------------------------------------

THEMES = ("vatoolkit", "alabaster", "furo", "sphinx_rtd_theme")


def theme_projects(work: Path, size: int) -> list[Path]:
    """The toolkit project of ``size`` pages under each theme, with the theme's own
    sidebars and navigation, as a project that picks the theme would have them."""
    conf = CONFIG_SOURCE.read_text(encoding="utf-8").replace('"myst_parser", ', "")
    toctree = ".. toctree::\n   :maxdepth: 1\n\n" + "".join(f"   page{n}\n" for n in range(size))
    projects = []
    for theme in THEMES:
        project = work / f"theme-{theme}-{size}"
        project.mkdir()
        (project / "conf.py").write_text(conf + f"\nhtml_theme = {theme!r}\n", encoding="utf-8")
        (project / "index.rst").write_text("Index\n=====\n\n" + toctree, encoding="utf-8")
        for n in range(size):
            title = f"Page {n}"
            (project / f"page{n}.rst").write_text(
                PAGE.format(n=n, underline="=" * len(title)), encoding="utf-8"
            )
        projects.append(project)
    return projects


def theme_table(work: Path, sizes: list[int], repeat: int) -> list[str]:
    rows = [
        "| Pages | Theme | Full build (s) | Against vatoolkit | Peak memory (MiB) |",
        "|---|---|---|---|---|",
    ]
    for size in sizes:
        projects = theme_projects(work, size)
        runs = full_builds(projects, work, repeat)
        baseline = runs[0].seconds
        for theme, run in zip(THEMES, runs, strict=True):
            rows.append(
                f"| {size} | {theme} | {run.seconds:.1f} | {run.seconds / baseline:.1f} "
                f"| {run.mebibytes:.0f} |"
            )
            print(rows[-1], flush=True)
    return rows


# -- page weight --------------------------------------------------------------------

ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(work: Path) -> list[str]:
    """The toolkit page's HTML, CSS and JS, gzipped as a web server would send them."""
    rows = [
        "| Theme | HTML (KiB gzip) | CSS (KiB gzip) | JS (KiB gzip) | Total (KiB gzip) "
        "| Requests |",
        "|---|---|---|---|---|---|",
    ]
    conf = CONFIG_SOURCE.read_text(encoding="utf-8").replace('"myst_parser", ', "")
    for theme in ("vatoolkit", "furo", "alabaster"):
        project = work / f"weight-{theme}"
        project.mkdir()
        (project / "conf.py").write_text(conf + f"\nhtml_theme = {theme!r}\n", encoding="utf-8")
        (project / "index.rst").write_text(PAGE.format(n=1, underline="=" * 6), encoding="utf-8")
        out = work / f"weight-{theme}-out"
        isolated_build(project, out)
        html_path = out / "html" / "index.html"
        html = html_path.read_bytes()
        sizes = {"css": 0, "js": 0}
        requests = 1
        for href in ASSET.findall(html.decode("utf-8")):
            path = (html_path.parent / href.split("?")[0]).resolve()
            kind = "css" if path.suffix == ".css" else "js"
            sizes[kind] += gzipped(path.read_bytes())
            requests += 1
        total = gzipped(html) + sizes["css"] + sizes["js"]
        rows.append(
            f"| {theme} | {gzipped(html) / 1024:.1f} | {sizes['css'] / 1024:.1f} "
            f"| {sizes['js'] / 1024:.1f} | {total / 1024:.1f} | {requests} |"
        )
        print(rows[-1], flush=True)
    return rows


# -- this repository's docs in every language ---------------------------------------------


def docs_table(work: Path, repeat: int) -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_docs import languages

    rows = ["| Language | Full build of the docs, -W (s) | Against English |", "|---|---|---|"]
    seconds: dict[str, float] = {}
    for language in languages():
        times = []
        for attempt in range(repeat):
            out = work / f"docs-{language}-{attempt}"
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sphinx",
                    "-q",
                    "-W",
                    "-b",
                    "html",
                    "-D",
                    f"language={language}",
                    "-d",
                    str(out / "doctrees"),
                    str(ROOT / "docs"),
                    str(out / "html"),
                ],
                check=True,
            )
            times.append(time.perf_counter() - start)
        seconds[language] = statistics.median(times)
        rows.append(
            f"| {language} | {seconds[language]:.2f} | {seconds[language] / seconds['en']:.2f} |"
        )
        print(rows[-1], flush=True)
    total = sum(seconds.values())
    rows.append(f"| all {len(seconds)} | {total:.2f} | {total / seconds['en']:.2f} |")
    return rows


def machine(repeat: int) -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import sphinx

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Sphinx {sphinx.__version__}; medians of {repeat} runs"
    )


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "one":
        project, out, jobs = sys.argv[2:]
        run = build_here(Path(project), Path(out), int(jobs))
        print(run.seconds, run.mebibytes, run.pages_read)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--theme-sizes", type=int, nargs="*", default=[200, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-weight", action="store_true")
    parser.add_argument("--skip-docs", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    report: list[str] = []
    with tempfile.TemporaryDirectory(prefix="vatoolkit-bench-") as tmp:
        work = Path(tmp)
        if not args.skip_weight:
            report += ["## Page weight", "", *page_weight(work), ""]
        if args.sizes:
            twin = plain_twin(work)
            report += ["## Build", "", *scaling_table(work, args.sizes, args.repeat, twin), ""]
        if args.theme_sizes:
            report += ["## Themes", "", *theme_table(work, args.theme_sizes, args.repeat), ""]
        if not args.skip_docs:
            report += ["## Docs", "", *docs_table(work, args.repeat), ""]
    report.append(machine(args.repeat))
    text = "\n".join(report)
    print("\n" + text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
