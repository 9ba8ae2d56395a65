"""Build cost of the directives against the same content written as plain reST.

    python benchmarks/bench.py [--sizes 10 100 1000] [--repeat 3] [--out FILE]

For each size it generates two projects side by side: every page of the first holds
``va-toolkit`` (client mode); every page of the second holds the text that directive
produces, written out as plain reStructuredText (same headings, paragraphs, lists,
links and table). It then measures, each run in a fresh ``sphinx-build`` process and
reporting medians: a full HTML build (wall time and peak RSS), ``-j 2`` against
``-j 1``, a no-change rebuild and a rebuild after a config change. Results are
printed as a Markdown table of ratios (directives / plain).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def make_projects(work: Path, size: int, twin: str) -> tuple[Path, Path]:
    directives, plain = work / f"directives-{size}", work / f"plain-{size}"
    for project in (directives, plain):
        project.mkdir()
        conf = CONFIG_SOURCE.read_text(encoding="utf-8").replace('"myst_parser", ', "")
        if project is plain:
            conf = conf.replace('"sphinx_vatoolkit"', "")
        (project / "conf.py").write_text(conf, encoding="utf-8")
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


def build_here(project: Path, out: Path, *extra: str) -> tuple[float, float]:
    """One build in this process: wall seconds and this process's peak RSS (MiB)."""
    from sphinx.cmd.build import build_main

    start = time.perf_counter()
    code = build_main(
        ["-q", "-b", "html", *extra, "-d", str(out / "doctrees"), str(project), str(out / "html")]
    )
    elapsed = time.perf_counter() - start
    if code:
        raise SystemExit(f"build of {project} failed")
    return elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def isolated_build(project: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Each measurement in a fresh process, so its peak memory is its own."""
    result = subprocess.run(
        [sys.executable, __file__, "one", str(project), str(out), *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, mebibytes = result.stdout.split()[-2:]
    return float(seconds), float(mebibytes)


def measured(project: Path, out_root: Path, repeat: int, *extra: str) -> tuple[float, float]:
    times, memories = [], []
    for attempt in range(repeat):
        out = out_root / f"{project.name}-{'-'.join(extra) or 'full'}-{attempt}"
        elapsed, memory = isolated_build(project, out, *extra)
        times.append(elapsed)
        memories.append(memory)
    return statistics.median(times), statistics.median(memories)


def rebuild_times(project: Path, out_root: Path, repeat: int) -> tuple[float, float]:
    """No-change rebuild, and rebuild after changing one fact in conf.py."""
    no_change, config_change = [], []
    for attempt in range(repeat):
        work = out_root / f"{project.name}-rebuild-{attempt}"
        copy = work / "src"
        shutil.copytree(project, copy)
        isolated_build(copy, work)
        no_change.append(isolated_build(copy, work)[0])
        conf = copy / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8").replace("24 hours", "48 hours"))
        config_change.append(isolated_build(copy, work)[0])
    return statistics.median(no_change), statistics.median(config_change)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "one":
        project, out, *extra = sys.argv[2:]
        print(*build_here(Path(project), Path(out), *extra))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = [
        "| pages | full build (s): directives / plain | ratio | peak RSS (MiB): "
        "directives / plain | ratio | -j 2 / -j 1 (directives) | no-change rebuild (s) "
        "| config-change rebuild (s) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="vatoolkit-bench-") as tmp:
        work = Path(tmp)
        twin = plain_twin(work)
        for size in args.sizes:
            directives, plain = make_projects(work, size, twin)
            d_time, d_mem = measured(directives, work, args.repeat)
            p_time, p_mem = measured(plain, work, args.repeat)
            j2_time, _ = measured(directives, work, args.repeat, "-j", "2")
            no_change, config_change = rebuild_times(directives, work, args.repeat)
            rows.append(
                f"| {size} | {d_time:.2f} / {p_time:.2f} | {d_time / p_time:.2f} "
                f"| {d_mem:.0f} / {p_mem:.0f} | {d_mem / p_mem:.2f} "
                f"| {j2_time / d_time:.2f} | {no_change:.2f} | {config_change:.2f} |"
            )
            print(rows[-1], flush=True)
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, medians of {args.repeat} runs"
    )
    report = "\n".join([*rows, "", machine])
    print("\n" + report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
