"""Benchmark `playbook lint` and `playbook build` against the peers and the cost of parsing at all.

    python bench/run.py --runs 3             # everything: ~45 minutes on 2 busy cores
    python bench/run.py --runs 3 --sizes small,10k --only lint,floor
    python bench/run.py --readme             # also paste the tables into bench/README.md
    python bench/run.py --profile 10k        # pyinstrument profile of `playbook lint` on one data set
    python bench/run.py --only floor,lint --compare 2a45cb2   # before/after: also lint as of a git ref

It creates bench/out/venv with the peers from PyPI (yamllint, check-jsonschema)
plus pyinstrument, installs this checkout into it (editable), generates the
data sets (bench/gen.py) into bench/out/data, then runs every case in
interleaved rounds (one warm-up round discarded) so machine noise spreads over
all of them. Each run is a fresh process; wall time is measured around it and
peak memory and CPU time come from the kernel's accounting of that process and
the workers it waited for (os.wait4). The report is the median of the rounds:
bench/out/results.md and bench/out/results.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import gen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SCHEMA = ROOT / "schemas" / "playbook.schema.json"
PEER_PACKAGES = ["yamllint", "check-jsonschema", "pyinstrument"]


@dataclass(frozen=True)
class Spec:
    """What a data set holds: `files` > 1 spreads one playbook over a directory, unless `separate`."""

    contacts: int
    files: int = 1
    realistic: bool = True  # named country holidays on every office calendar (bench/gen.py)
    separate: bool = False  # `files` separate playbooks of `contacts` each, linted in one run


DATASETS: dict[str, Spec] = {
    "small": Spec(70),
    "100-small": Spec(70, 100, separate=True),
    "1k": Spec(1_000),
    "10k": Spec(10_000),
    "10k-split": Spec(10_000, 100),
    "50k": Spec(50_000),
    # The generator before named holidays, for comparison with earlier tables.
    "small-legacy": Spec(70, realistic=False),
    "10k-legacy": Spec(10_000, realistic=False),
}
# The floor: what parsing the same bytes costs with PyYAML's C loader and no
# cyclic garbage collector, and nothing else (no locations, no checks).
FLOOR = (
    "import gc, sys, pathlib, yaml; gc.disable(); p = pathlib.Path(sys.argv[1]);"
    "[yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader) for f in (sorted(p.glob('*.yaml')) if p.is_dir() else [p])]"
)
TOOLS = ("floor", "lint", "build", "yamllint", "check-jsonschema")
# The peers take minutes on 50k contacts and no target compares them there (nor on 10k-legacy,
# kept for lint against the floor with the earlier data shape).
PEERLESS = frozenset({"50k", "10k-legacy"})
# `build` takes one playbook; the legacy shapes are kept for lint only.
BUILT = frozenset({"small", "1k", "10k", "10k-split", "50k"})


@dataclass(frozen=True)
class Tools:
    """Command prefixes; a peer that is None is left out."""

    python: tuple[str, ...]
    playbook: tuple[str, ...]
    yamllint: tuple[str, ...] | None = None
    check_jsonschema: tuple[str, ...] | None = None
    targets: tuple[str, ...] = ()
    # name -> an exported older checkout whose `lint` runs alongside, for before/after figures
    compare: tuple[tuple[str, Path], ...] = ()


@dataclass(frozen=True)
class Dataset:
    name: str
    path: Path
    contacts: int
    files: int
    size: int
    separate: bool = False

    def paths(self) -> list[str]:
        """The command-line arguments that name it: the file, the directory, or each separate playbook."""
        if self.separate:
            return [str(p) for p in sorted(self.path.glob("*.yaml"))]
        return [str(self.path)]


@dataclass(frozen=True)
class Case:
    dataset: str
    tool: str
    argv: tuple[str, ...]
    cwd: Path | None = None  # None: the repository root
    env: tuple[tuple[str, str], ...] = ()  # extra environment variables


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float
    rc: int


@dataclass
class Summary:
    dataset: str
    tool: str
    wall: float
    wall_min: float
    cpu: float
    rss_mb: float
    rc: int
    runs: list[Sample] = field(default_factory=list)


def make_datasets(
    folder: Path, names: list[str], today: str | None = None, sizes: dict[str, Spec] = DATASETS
) -> list[Dataset]:
    """Generate (or reuse, if already generated today by this generator) the requested data sets."""
    import datetime as dt

    day = dt.date.fromisoformat(today) if today else dt.date.today()
    result = []
    for name in names:
        spec = sizes[name]
        stamp = folder / f".{name}.{day.isoformat()}.{_digest(Path(gen.__file__))}"
        path = folder / (name if spec.files > 1 else f"{name}.yaml")
        if not stamp.exists():
            if spec.separate:
                size = gen.write_many(path, spec.files, spec.contacts, today=day)
            else:
                data = gen.generate(spec.contacts, today=day, realistic=spec.realistic)
                size = gen.write_split(path, data, spec.files) if spec.files > 1 else gen.write_file(path, data)
            for old in folder.glob(f".{name}.*"):
                old.unlink()
            stamp.write_text(str(size))
        result.append(Dataset(name, path, spec.contacts, spec.files, int(stamp.read_text()), spec.separate))
    return result


def make_cases(
    datasets: list[Dataset], tools: Tools, out: Path, wanted: tuple[str, ...] = TOOLS, all_peers: bool = False
) -> list[Case]:
    cases: list[Case] = []
    for data in datasets:
        peers = all_peers or data.name not in PEERLESS
        target = str(data.path)
        files = [str(p) for p in sorted(data.path.glob("*.yaml"))] if data.files > 1 else [target]
        named = data.paths()
        commands: dict[str, tuple[str, ...] | None] = {
            "floor": (*tools.python, "-c", FLOOR, target),
            "lint": (*tools.playbook, "lint", *named),
            # `build` takes one playbook.
            "build": _build_argv(tools, target, out / "build" / data.name)
            if tools.targets and data.name in BUILT
            else None,
            "yamllint": (*tools.yamllint, target) if tools.yamllint and peers else None,
            "check-jsonschema": (*tools.check_jsonschema, "--schemafile", str(SCHEMA), *files)
            if tools.check_jsonschema and peers
            else None,
        }
        cases.extend(Case(data.name, tool, argv) for tool, argv in commands.items() if argv and tool in wanted)
        if data.files > 1 and not data.separate and "lint" in wanted:  # one core: what the workers gain
            cases.append(
                Case(data.name, "lint, 1 job", (*tools.playbook, "lint", target), env=(("PLAYBOOK_JOBS", "1"),))
            )
        for name, checkout in tools.compare:
            cases.append(Case(data.name, f"lint@{name}", (*tools.python, "-m", "cli", "lint", *named), checkout))
    return cases


def _build_argv(tools: Tools, target: str, out: Path) -> tuple[str, ...]:
    chosen = [arg for name in tools.targets for arg in ("--target", name)]
    return (*tools.playbook, "build", target, *chosen, "--out", str(out))


def child_environment(extra: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """The environment of a measured run: as installed for real, so Python may use its bytecode caches."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def run_once(argv: tuple[str, ...], cwd: Path, env: tuple[tuple[str, str], ...] = ()) -> Sample:
    """One run in a fresh process: wall time, CPU time and peak RSS (its own and its waited-for workers')."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=sink, stderr=sink, env=child_environment(env))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def measure(cases: list[Case], runs: int, cwd: Path, warmup: bool = True, log=print) -> list[Summary]:  # type: ignore[no-untyped-def]
    samples: dict[Case, list[Sample]] = {case: [] for case in cases}
    for round_no in range(0 if warmup else 1, runs + 1):
        for case in cases:
            sample = run_once(case.argv, case.cwd or cwd, case.env)
            if round_no:
                samples[case].append(sample)
            log(f"[round {round_no}] {case.dataset:<10} {case.tool:<17} {sample.wall:7.2f}s rc={sample.rc}")
    return [_summarise(case, found) for case, found in samples.items()]


def _summarise(case: Case, found: list[Sample]) -> Summary:
    return Summary(
        case.dataset,
        case.tool,
        statistics.median(s.wall for s in found),
        min(s.wall for s in found),
        statistics.median(s.cpu for s in found),
        statistics.median(s.rss_mb for s in found),
        max(s.rc for s in found),
        found,
    )


def ratios(summaries: list[Summary], attr: str = "cpu") -> dict[tuple[str, str], dict[str, float]]:
    """(dataset, tool) -> ratio of its median CPU time (or `attr`) to the floor's and each peer's.

    CPU time by default: on a machine shared with other jobs, wall time mostly
    measures the neighbours (the min and median wall columns show by how much).
    """
    by = {(s.dataset, s.tool): s for s in summaries}
    result: dict[tuple[str, str], dict[str, float]] = {}
    for s in summaries:
        result[(s.dataset, s.tool)] = {
            base: getattr(s, attr) / getattr(by[(s.dataset, base)], attr)
            for base in ("floor", "yamllint", "check-jsonschema")
            if (s.dataset, base) in by and getattr(by[(s.dataset, base)], attr) > 0
        }
    return result


@dataclass(frozen=True)
class Target:
    name: str
    measured: float | None
    limit: float
    unit: str

    @property
    def met(self) -> bool | None:
        return None if self.measured is None else self.measured <= self.limit


def check_targets(summaries: list[Summary]) -> list[Target]:
    by = {(s.dataset, s.tool): s for s in summaries}
    rat = ratios(summaries)

    def ratio(dataset: str, tool: str, base: str) -> float | None:
        return rat.get((dataset, tool), {}).get(base)

    def between(a: tuple[str, str], b: tuple[str, str], attr: str = "cpu") -> float | None:
        if a in by and b in by and getattr(by[b], attr):
            return getattr(by[a], attr) / getattr(by[b], attr)
        return None

    def attr(key: tuple[str, str], name: str) -> float | None:
        return getattr(by[key], name) if key in by else None

    split = by.get(("10k-split", "lint"))
    serial = by.get(("10k-split", "lint, 1 job"))
    floor = by.get(("10k-split", "floor"))
    found = [
        # Issue 17's targets (CPU time unless said otherwise).
        Target("small: lint / yamllint", ratio("small", "lint", "yamllint"), 0.8, "x"),
        Target("small: lint / check-jsonschema", ratio("small", "lint", "check-jsonschema"), 0.5, "x"),
        Target("100-small: lint / yamllint", ratio("100-small", "lint", "yamllint"), 0.25, "x"),
        # A directory is parsed by worker processes: what the user waits for is wall time.
        Target("10k-split: lint / floor (wall)", split.wall / floor.wall if split and floor else None, 1.5, "x"),
        Target(
            "10k-split: lint / lint on 1 job (wall)", split.wall / serial.wall if split and serial else None, 1.0, "x"
        ),
        Target("small: build / lint", between(("small", "build"), ("small", "lint")), 2.0, "x"),
        Target("10k: build / lint", between(("10k", "build"), ("10k", "lint")), 3.0, "x"),
        Target("10k: lint peak memory", attr(("10k", "lint"), "rss_mb"), 150, "MB"),
        Target("10k: build peak memory", attr(("10k", "build"), "rss_mb"), 200, "MB"),
        Target("50k / 10k: lint time", between(("50k", "lint"), ("10k", "lint")), 5.0, "x"),
        Target("50k / 10k: lint memory", between(("50k", "lint"), ("10k", "lint"), "rss_mb"), 5.0, "x"),
        Target("50k / 10k: build time", between(("50k", "build"), ("10k", "build")), 5.0, "x"),
        Target("50k / 10k: build memory", between(("50k", "build"), ("10k", "build"), "rss_mb"), 5.0, "x"),
        # Earlier targets, kept for comparison.
        Target("10k: lint / floor", ratio("10k", "lint", "floor"), 1.5, "x"),
        Target("10k: lint / check-jsonschema", ratio("10k", "lint", "check-jsonschema"), 0.4, "x"),
        Target("small-legacy: lint / yamllint", ratio("small-legacy", "lint", "yamllint"), 1.0, "x"),
    ]
    for name in ("1k", "10k-split", "50k"):
        found.append(Target(f"{name}: build / lint", between((name, "build"), (name, "lint")), 3.0, "x"))
    return [t for t in found if t.measured is not None]


def markdown(summaries: list[Summary], datasets: list[Dataset], env: dict[str, str]) -> str:
    rat = ratios(summaries)
    sizes = {d.name: d for d in datasets}
    lines = [
        "| data | tool | median wall s | min wall s | CPU s | peak RSS MB | CPU × floor | CPU × yamllint "
        "| CPU × check-jsonschema | exit |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        data = sizes[s.dataset]
        what = "playbooks" if data.separate else "file" + ("s" if data.files > 1 else "")
        shown = f"{s.dataset} ({data.size / 1e6:.2f} MB, {data.files} {what})"
        r = rat[(s.dataset, s.tool)]
        cells = [_ratio(r.get(base)) for base in ("floor", "yamllint", "check-jsonschema")]
        lines.append(
            f"| {shown} | {s.tool} | {s.wall:.3f} | {s.wall_min:.3f} | {s.cpu:.2f} | {s.rss_mb:.0f} "
            f"| {' | '.join(cells)} | {s.rc} |"
        )
    lines += ["", "| target | measured | limit | met |", "|---|---:|---:|---|"]
    for t in check_targets(summaries):
        lines.append(f"| {t.name} | {t.measured:.2f} {t.unit} | {t.limit:g} {t.unit} | {'yes' if t.met else 'NO'} |")
    lines += ["", "Environment: " + "; ".join(f"{k}: {v}" for k, v in env.items())]
    return "\n".join(lines) + "\n"


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def environment(python: str) -> dict[str, str]:
    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    env = {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "os": f"{platform.system()} {platform.release()}",
        "python": subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True,
                                 text=True).stdout.strip(),
    }  # fmt: skip
    freeze = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True).stdout.lower()
    for line in freeze.splitlines():
        name = line.split("==")[0]
        if name in ("yamllint", "check-jsonschema", "pyyaml", "jsonschema", "ruamel.yaml"):
            env[name] = line.split("==")[-1]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    env["commit"] = commit.stdout.strip() or "unknown"
    return env


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def ensure_venv(folder: Path) -> Path:
    """bench/out/venv with the peers and this checkout; rebuilt when pyproject.toml changes."""
    bin_dir = folder / "bin"
    stamp = folder / ".ready"
    want = _digest(ROOT / "pyproject.toml") + " " + " ".join(PEER_PACKAGES)
    if stamp.exists() and stamp.read_text() == want:
        return bin_dir
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, *PEER_PACKAGES], check=True)
    subprocess.run([*pip, "-e", str(ROOT)], check=True)
    stamp.write_text(want)
    return bin_dir


def precompile(python: str, *roots: Path) -> None:
    """Byte-compile the checkouts, as pip does for the peers at install (PYTHONDONTWRITEBYTECODE would skip it)."""
    for root in roots:
        sources = [str(root / name) for name in ("cli.py", "playbook", "compiler", "targets", "schemas")]
        subprocess.run([python, "-m", "compileall", "-q", *sources], cwd=root, check=False,
                       stdout=subprocess.DEVNULL, env=child_environment())  # fmt: skip


def bench_tools(bin_dir: Path) -> Tools:
    listing = subprocess.run(
        [str(bin_dir / "python"), "-c", "import targets; print(' '.join(sorted(targets.TARGETS)))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return Tools(
        python=(str(bin_dir / "python"),),
        playbook=(str(bin_dir / "playbook"),),
        yamllint=(str(bin_dir / "yamllint"),),
        check_jsonschema=(str(bin_dir / "check-jsonschema"),),
        targets=tuple(listing.stdout.split()),
    )


def export_refs(refs: list[str], folder: Path) -> tuple[tuple[str, Path], ...]:
    """Each git ref exported (not checked out) into bench/out/refs/, for `lint@REF` cases."""
    found = []
    for ref in refs:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        target = folder / commit
        if not target.exists():
            target.mkdir(parents=True)
            archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
        found.append((ref, target))
    return tuple(found)


def update_readme(table: str) -> None:
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{table}{end}{tail}", encoding="utf-8")


def profile(bin_dir: Path, dataset: Dataset, command: str, out: Path) -> Path:
    report = out / f"profile-{dataset.name}-{command}.txt"
    argv = [str(bin_dir / "python"), "-m", "pyinstrument", "-r", "text", "-o", str(report), "-m", "cli", command]
    argv.append(str(dataset.path))
    if command == "build":
        argv += [*(a for t in bench_tools(bin_dir).targets for a in ("--target", t)), "--out", str(out / "prof")]
    subprocess.run(argv, cwd=ROOT, check=False)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="measured rounds (after one warm-up round)")
    ap.add_argument("--sizes", default=",".join(DATASETS), help="comma-separated data sets")
    ap.add_argument("--only", default=",".join(TOOLS), help="comma-separated tools: " + ", ".join(TOOLS))
    ap.add_argument("--all-peers", action="store_true", help="run the peers on 50k contacts too (slow)")
    ap.add_argument("--compare", nargs="*", default=[], metavar="REF", help="also time `lint` of these git refs")
    ap.add_argument("--readme", action="store_true", help="write the tables into bench/README.md")
    ap.add_argument("--profile", metavar="DATASET", help="profile one command on one data set instead")
    ap.add_argument("--profile-command", default="lint", choices=["lint", "build"])
    ap.add_argument("--today", help="date the synthetic 'verified' fields count from (default: today)")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    bin_dir = ensure_venv(OUT / "venv")
    names = [n for n in args.sizes.split(",") if n]
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        ap.error(f"unknown data set {unknown[0]!r}; choose from {', '.join(DATASETS)}")
    datasets = make_datasets(OUT / "data", names, args.today)
    if args.profile:
        chosen = make_datasets(OUT / "data", [args.profile], args.today)[0]
        print(profile(bin_dir, chosen, args.profile_command, OUT))
        return 0
    tools = replace(bench_tools(bin_dir), compare=export_refs(args.compare, OUT / "refs"))
    precompile(tools.python[0], ROOT, *(checkout for _, checkout in tools.compare))
    cases = make_cases(datasets, tools, OUT, tuple(args.only.split(",")), args.all_peers)
    summaries = measure(cases, args.runs, ROOT, log=lambda line: print(line, file=sys.stderr, flush=True))
    env = environment(tools.python[0])
    env["targets built"] = ", ".join(tools.targets) or "none yet"
    table = markdown(summaries, datasets, env)
    (OUT / "results.md").write_text(table, encoding="utf-8")
    payload = {
        "environment": env,
        "datasets": [{**asdict(d), "path": str(d.path.relative_to(ROOT))} for d in datasets],
        "cases": [
            {"dataset": c.dataset, "tool": c.tool, "argv": list(c.argv), "cwd": str(c.cwd or ROOT)} for c in cases
        ],
        "results": [asdict(s) for s in summaries],
        "targets": [{**asdict(t), "met": t.met} for t in check_targets(summaries)],
    }
    (OUT / "results.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    if args.readme:
        update_readme(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
