"""Hostile organization catalogs: the time and memory each one costs a build.

    python benchmarks/hostile_catalogs.py [--scenarios] [--corpus N] [--seed S]
                                          [--timeout 90] [--memory-gb 4]

``--scenarios`` builds a small project in pt_BR (``sphinx-build -a``, a process of its
own under ``/usr/bin/time -v`` when it is there) once per case of issue 20: a
``Plural-Forms`` that divides by zero, ``nplurals=40000000`` in 300 bytes, a ``.po``
linked to ``/dev/zero``, a FIFO, a 111 MB ``.po``, a 29 MB ``.mo`` and a ``.po`` linked
from outside the project. Each build runs under an address-space limit (``--memory-gb``)
and a timeout, so an unbounded case ends as "killed" instead of taking the machine.

``--corpus N`` draws N catalogs of each kind (headers, plural expressions, charsets,
sizes, message counts, hostile translations) with hypothesis and loads each through
``load_organization_translator`` in a forked child, so the peak RSS of each case is its
own (``os.wait4``), then prints the worst case of each kind.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "roots" / "test-minimal"
CONF = """
locale_dirs = ["locale"]
vatoolkit = {"organization": {"name": "Clinic"}, "prepare": {"checklist": ["ID card"]}}
"""
PAGE = "Home\n====\n\nFact: :va-fact:`organization.name`.\n\n.. va-faq::\n"


def po_text(header: str, body: str = 'msgid "Clinic"\nmsgstr "Clinica"\n') -> str:
    return f'msgid ""\nmsgstr ""\n{header}\n{body}'


def header(plural_forms: str | None = "nplurals=2; plural=(n > 1);", charset: str = "UTF-8") -> str:
    lines = f'"Content-Type: text/plain; charset={charset}\\n"\n'
    if plural_forms is not None:
        lines += f'"Plural-Forms: {plural_forms}\\n"\n'
    return lines


PLURAL_MESSAGE = 'msgid "one visit"\nmsgid_plural "%(n)s visits"\nmsgstr[0] "uma visita"\n'


def mo_bytes(pairs: list[tuple[bytes, bytes]]) -> bytes:
    """A GNU .mo file holding ``pairs`` (sorted, as msgfmt writes them)."""
    pairs = sorted(pairs)
    count = len(pairs)
    ids_start = 28 + 16 * count
    ids = b"".join(key + b"\0" for key, _value in pairs)
    strs = b"".join(value + b"\0" for _key, value in pairs)
    id_table, str_table = [], []
    offset = ids_start
    for key, _value in pairs:
        id_table.append(struct.pack("<II", len(key), offset))
        offset += len(key) + 1
    for _key, value in pairs:
        str_table.append(struct.pack("<II", len(value), offset))
        offset += len(value) + 1
    head = struct.pack("<Iiiiiii", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0)
    return head + b"".join(id_table) + b"".join(str_table) + ids + strs


def project(where: Path) -> Path:
    src = where / "src"
    shutil.copytree(MINIMAL, src)
    with (src / "conf.py").open("a", encoding="utf-8") as stream:
        stream.write(CONF)
    (src / "index.rst").write_text(PAGE, encoding="utf-8")
    (src / "locale" / "pt_BR" / "LC_MESSAGES").mkdir(parents=True)
    return src


def catalog_path(src: Path, suffix: str = ".po") -> Path:
    return src / "locale" / "pt_BR" / "LC_MESSAGES" / f"vatoolkit{suffix}"


def case_divide_by_zero(src: Path) -> None:
    catalog_path(src).write_text(po_text(header("nplurals=2; plural=n/0;")), encoding="utf-8")


def case_forty_million_plurals(src: Path) -> None:
    text = po_text(header("nplurals=40000000; plural=n;"), PLURAL_MESSAGE)
    catalog_path(src).write_text(text, encoding="utf-8")


def case_dev_zero(src: Path) -> None:
    catalog_path(src).symlink_to("/dev/zero")


def case_fifo(src: Path) -> None:
    os.mkfifo(catalog_path(src))


def case_111_mb_po(src: Path) -> None:
    entry = 'msgid "A message of the clinic, number {0:07d}"\nmsgstr "Uma mensagem {0:07d}"\n\n'
    count = 111 * 1024 * 1024 // len(entry.format(0))
    with catalog_path(src).open("w", encoding="utf-8") as stream:
        stream.write(po_text(header()) + "\n")
        for number in range(count):
            stream.write(entry.format(number))


def case_29_mb_mo(src: Path) -> None:
    pairs = [(b"", b"Content-Type: text/plain; charset=UTF-8\n")]
    pairs += [(b"m%07d" % number, b"t%07d" % number) for number in range(900_000)]
    catalog_path(src, ".mo").write_bytes(mo_bytes(pairs))


def case_outside_link(src: Path) -> None:
    outside = src.parent / "outside.po"
    outside.write_text(po_text(header()), encoding="utf-8")
    catalog_path(src).symlink_to(outside)


def write_po_of_size(
    src: Path, entry: str, plural_forms: str = "nplurals=2; plural=(n > 1);"
) -> None:
    """A ``.po`` just under the size cap, made of as many ``entry`` as fit."""
    from sphinx_vatoolkit.i18n import MAX_CATALOG_BYTES, MAX_CATALOG_MESSAGES

    head = po_text(header(plural_forms), "")
    room = MAX_CATALOG_BYTES - len(head.encode()) - 64
    count = min(room // len(entry.format(0).encode()), MAX_CATALOG_MESSAGES)
    body = "".join(entry.format(number) for number in range(count))
    catalog_path(src).write_text(head + body, encoding="utf-8")


def case_bound_messages(src: Path) -> None:
    write_po_of_size(src, 'msgid "Message {0:05d}"\nmsgstr "' + "t" * 380 + '"\n\n')


def case_bound_plurals(src: Path) -> None:
    forms = "".join(f'msgstr[{index}] "{"f" * 40}"\n' for index in range(6))
    entry = 'msgid "one {0:05d}"\nmsgid_plural "many {0:05d}"\n' + forms + "\n"
    write_po_of_size(src, entry, "nplurals=6; plural=(n % 6);")


def case_bound_one_entry(src: Path) -> None:
    from sphinx_vatoolkit.i18n import MAX_CATALOG_BYTES

    catalog_path(src).write_text(
        po_text(header(), f'msgid "Clinic"\nmsgstr "{"a" * (MAX_CATALOG_BYTES - 200)}"\n'),
        encoding="utf-8",
    )


def case_bound_translation_lines(src: Path) -> None:
    from sphinx_vatoolkit.i18n import MAX_CATALOG_BYTES

    lines = "".join(f'msgstr[{index}] "x"\n' for index in range(MAX_CATALOG_BYTES // 24))
    catalog_path(src).write_text(
        po_text(header(), 'msgid "one"\nmsgid_plural "many"\n' + lines), encoding="utf-8"
    )


def case_bound_mo(src: Path) -> None:
    from sphinx_vatoolkit.i18n import MAX_CATALOG_BYTES, MAX_CATALOG_MESSAGES

    pairs = [
        (b"", b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=6; plural=(n%6);\n")
    ]
    form_size = (MAX_CATALOG_BYTES // (MAX_CATALOG_MESSAGES + 1) - 60) // 6
    for number in range(MAX_CATALOG_MESSAGES):
        key = b"one %05d\0many %05d" % (number, number)
        pairs.append((key, b"\0".join([b"f" * form_size] * 6)))
    catalog_path(src, ".mo").write_bytes(mo_bytes(pairs))


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "Plural-Forms n/0": case_divide_by_zero,
    "nplurals=40000000 (300 B)": case_forty_million_plurals,
    ".po -> /dev/zero": case_dev_zero,
    ".po is a FIFO": case_fifo,
    "111 MB .po": case_111_mb_po,
    "29 MB .mo": case_29_mb_mo,
    ".po linked from outside": case_outside_link,
    "at the bounds: 4 MB .po, 10000 messages": case_bound_messages,
    "at the bounds: 4 MB .po, 6 plural forms each": case_bound_plurals,
    "at the bounds: one 4 MB translation": case_bound_one_entry,
    "at the bounds: 4 MB of msgstr[i] lines": case_bound_translation_lines,
    "at the bounds: 4 MB .mo, 10000 x 6 forms": case_bound_mo,
}


def limit_memory(gigabytes: float) -> Callable[[], None]:
    def apply() -> None:
        limit = int(gigabytes * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def measure_build(src: Path, timeout: float, memory_gb: float) -> tuple[str, float, float, str]:
    """(status, seconds, peak MB, note) of ``sphinx-build -a -D language=pt_BR``."""
    command = [sys.executable, "-m", "sphinx", "-a", "-q", "-D", "language=pt_BR"]
    command += [str(src), str(src.parent / "out")]
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if timer:
        command = [timer, "-v", *command]
    start = time.monotonic()
    # A session of its own, so a timeout ends the build too, not only /usr/bin/time.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit_memory(memory_gb),  # a measuring tool: one thread
        start_new_session=True,
    )
    try:
        _stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return "killed (timeout)", timeout, float("nan"), ""
    seconds = time.monotonic() - start
    result = subprocess.CompletedProcess(command, process.returncode, "", stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    peak_mb = int(peak.group(1)) / 1024 if peak else float("nan")
    stderr = result.stderr
    if "MemoryError" in stderr:
        status = f"killed (MemoryError at {memory_gb:g} GB)"
    elif "Traceback" in stderr:
        status = f"traceback, exit {result.returncode}"
    else:
        status = f"exit {result.returncode}"
    notes = [line for line in stderr.splitlines() if "vatoolkit" in line and "ERROR" in line]
    return status, seconds, peak_mb, (notes[0][:160] if notes else "")


def run_scenarios(timeout: float, memory_gb: float, only: str | None = None) -> None:
    print("| case | result | wall s | peak RSS MB | message |")
    print("|---|---|---:|---:|---|")
    for name, make in SCENARIOS.items():
        if only and only not in name:
            continue
        with tempfile.TemporaryDirectory() as where:
            src = project(Path(where))
            make(src)
            status, seconds, peak_mb, note = measure_build(src, timeout, memory_gb)
        note = note.replace(where, "…").replace("|", "\\|")
        print(f"| {name} | {status} | {seconds:.1f} | {peak_mb:.0f} | {note} |", flush=True)


# -- the property corpus --------------------------------------------------------------


def corpus_strategies() -> dict[str, object]:
    from hypothesis import strategies as st

    text = st.text(st.characters(codec="utf-8"), max_size=200)
    escaped = text.map(lambda value: value.replace("\\", "\\\\").replace('"', '\\"'))
    plural_atoms = st.sampled_from(["n", "0", "1", "2", "10", "100", "1000000000000"])
    operators = st.sampled_from(["/", "%", "*", "+", "-", "==", "!=", ">", "<", "&&", "||"])

    @st.composite
    def expressions(draw: st.DrawFn, depth: int = 0) -> str:
        if depth > 3 or draw(st.booleans()):
            return draw(plural_atoms)
        left, right = draw(expressions(depth + 1)), draw(expressions(depth + 1))
        if draw(st.integers(0, 5)) == 0:
            return f"({left} ? {right} : {draw(plural_atoms)})"
        return f"({left} {draw(operators)} {right})"

    nplurals = st.one_of(st.integers(0, 8), st.integers(7, 10**9), st.just(40_000_000))
    plural_forms = st.builds(lambda n, e: f"nplurals={n}; plural={e};", nplurals, expressions())
    charsets = st.one_of(
        st.sampled_from(["UTF-8", "utf-16", "utf-32", "latin-1", "cp1252", "ascii", "zlib_codec"]),
        st.sampled_from(["rot13", "idna", "punycode", "uu_codec", "no-such", "", "utf_8_sig"]),
    )
    return {
        "headers": st.builds(lambda value: po_text(f'"{value}\\n"\n'), escaped),
        "plural expressions": st.builds(
            lambda forms: po_text(header(forms), PLURAL_MESSAGE + '\nmsgid "Clinic"\nmsgstr "C"\n'),
            plural_forms,
        ),
        "charsets": st.builds(lambda charset: po_text(header(charset=charset)), charsets),
        "sizes": st.builds(
            lambda length: po_text(header(), f'msgid "Clinic"\nmsgstr "{"a" * length}"\n'),
            st.integers(0, 12 * 1024 * 1024),
        ),
        "message counts": st.builds(
            lambda count: po_text(
                header(), "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(count))
            ),
            st.integers(0, 300_000),
        ),
        "hostile translations": st.builds(
            lambda value: po_text(header(), f'msgid "Clinic"\nmsgstr "{value}"\n'), escaped
        ),
    }


def measure_in_child(src: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS MB, outcome) of loading the catalogs in a forked child."""
    from sphinx.config import Config

    from sphinx_vatoolkit.cli import add_application_values
    from sphinx_vatoolkit.i18n import load_organization_translator

    config = Config({"language": "pt_BR", "locale_dirs": ["locale"]})
    add_application_values(config)
    config.init_values()
    start = time.monotonic()
    child = os.fork()
    if child == 0:  # the child: load, then leave without running the parent's clean-up
        code = 1
        try:
            translator = load_organization_translator(config, src)
            code = 0 if translator.translated else 2
        except BaseException:  # the outcome is the measure
            code = 1
        os._exit(code)
    _pid, status, usage = os.wait4(child, 0)
    seconds = time.monotonic() - start
    outcome = {0: "used", 1: "raised", 2: "refused or empty"}.get(
        os.waitstatus_to_exitcode(status), "crashed"
    )
    return seconds, usage.ru_maxrss / 1024, outcome


def describe(text: str) -> str:
    """A corpus case as the table shows it: its size and the start of its header."""
    start = text.find("msgstr")
    head = text[start + 10 : start + 70].replace("\n", " ").replace("|", "\\|")
    return f"{len(text.encode('utf-8', 'replace')) / 1024:.0f} KB: {head!r}"


def measure_kind(strategy: object, examples: int, seed: int) -> dict[str, object]:
    """The worst time and memory over ``examples`` catalogs drawn from ``strategy``."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed

    worst: dict[str, object] = {"time": 0.0, "memory": 0.0, "case": "", "outcomes": {}}
    outcomes: dict[str, int] = {}

    @fixed_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)  # type: ignore[arg-type]
    def case(text: str) -> None:
        with tempfile.TemporaryDirectory() as where:
            src = Path(where)
            directory = src / "locale" / "pt_BR" / "LC_MESSAGES"
            directory.mkdir(parents=True)
            (directory / "vatoolkit.po").write_text(text, encoding="utf-8", errors="replace")
            seconds, peak, outcome = measure_in_child(src)
        if seconds > worst["time"]:  # type: ignore[operator]
            worst["time"], worst["case"] = seconds, describe(text)
        worst["memory"] = max(worst["memory"], peak)  # type: ignore[type-var]
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

    case()
    worst["outcomes"] = outcomes
    return worst


def run_corpus(examples: int, seed: int) -> None:
    print("\n| kind | cases | worst wall s | worst peak RSS MB | outcomes | slowest case |")
    print("|---|---:|---:|---:|---|---|")
    for kind, strategy in corpus_strategies().items():
        worst = measure_kind(strategy, examples, seed)
        outcomes: dict[str, int] = worst["outcomes"]  # type: ignore[assignment]
        summary = ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items()))
        print(
            f"| {kind} | {sum(outcomes.values())} | {worst['time']:.2f} | "
            f"{worst['memory']:.0f} | {summary} | {worst['case']} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", action="store_true")
    parser.add_argument("--corpus", type=int, default=0, metavar="N")
    parser.add_argument("--only", help="the scenarios whose name holds this text")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=90)
    parser.add_argument("--memory-gb", type=float, default=4)
    arguments = parser.parse_args()
    if not arguments.scenarios and not arguments.corpus:
        arguments.scenarios = True
    if arguments.scenarios:
        run_scenarios(arguments.timeout, arguments.memory_gb, arguments.only)
    if arguments.corpus:
        run_corpus(arguments.corpus, arguments.seed)


if __name__ == "__main__":
    main()
