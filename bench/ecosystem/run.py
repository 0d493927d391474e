#!/usr/bin/env python3
"""The ecosystem run: async-lint over real C++20 coroutine code bases, pinned at a commit,
and the difference between its findings and a reviewed verdict file (like Ruff's ecosystem
check). The projects and how to configure each offline are in projects.json beside this
script; the reviewed findings are in verdicts.json.

  run.py setup                      extract and configure every project into the cache
  run.py lint --async-lint PATH     lint every project, write <cache>/report.json, print a table
  run.py diff                       compare the report with verdicts.json: NEW and GONE findings

The cache (--cache, else $ASYNC_LINT_ECOSYSTEM, else /work/ecosystem) holds src/<name> (the
pinned tree, a git work tree of its own so that it is async-lint's default root), build/<name>
(its compile database), work/<name> (shims and wrappers), results/ and report.json. It is
outside the repository: never commit it. setup reads each project from a git directory
<mirror>/<owner>+<name>/repo (--mirror, else $ASYNC_LINT_MIRROR, else /work/.mirror).

--lock FILE (or $ASYNC_LINT_LOCK) takes an exclusive flock on FILE around each heavy step (a
configure, the code generators, one project's lint), so that runs sharing a machine take
turns; the measured wall time does not include the wait.

usage: run.py [--cache DIR] [--lock FILE] setup [--mirror DIR] [--projects a,b]
       run.py [--cache DIR] [--lock FILE] lint --async-lint PATH [--projects a,b] [-j N]
       run.py [--cache DIR] diff [--verdicts FILE] [--draft FILE]
"""
import argparse
import collections
import contextlib
import fcntl
import glob
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, "projects.json")
VERDICTS = os.path.join(HERE, "verdicts.json")
CHECKS = ["async-blocking-call", "async-missing-co-await", "async-swallowed-cancellation",
          "async-unbounded-concurrency"]
VERDICT_KINDS = ["true", "intended", "false"]
STAMP = ".ecosystem-configured"


class SetupError(Exception):
    pass


# ---- manifest and paths ----------------------------------------------------------------

def load_manifest():
    with open(MANIFEST) as f:
        return json.load(f)


def select(manifest, names):
    """The manifest's projects, or only those named (in the manifest's order)."""
    projects = manifest["projects"]
    if not names:
        return projects
    wanted = names.split(",")
    unknown = set(wanted) - {p["name"] for p in projects}
    if unknown:
        sys.exit(f"run.py: unknown project(s): {', '.join(sorted(unknown))}")
    return [p for p in projects if p["name"] in wanted]


def project_paths(cache, project):
    name = project["name"]
    return {"src": os.path.join(cache, "src", name), "build": os.path.join(cache, "build", name),
            "work": os.path.join(cache, "work", name)}


def expand(text, paths):
    """Replaces {src}, {build} and {work} (and nothing else: CMake has braces of its own)."""
    for key, value in paths.items():
        text = text.replace("{" + key + "}", value)
    return text


@contextlib.contextmanager
def cpu_lock(path):
    """An exclusive flock on path for the duration (nothing when path is empty)."""
    if not path:
        yield
        return
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def run(argv, cwd=None, **kwargs):
    print("+", shlex.join(argv), file=sys.stderr, flush=True)
    return subprocess.run(argv, cwd=cwd, check=True, **kwargs)


def git(args, **kwargs):
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True,
                          **kwargs).stdout.strip()


# ---- setup -----------------------------------------------------------------------------

def git_dir(mirror, project):
    return os.path.join(mirror, project["repository"].replace("/", "+"), "repo")


def extract(project, paths, mirror):
    """Extracts the pinned commit into src/<name> and commits it there (once)."""
    src, marker = paths["src"], f"{project['repository']}@{project['commit']}"
    if os.path.isdir(os.path.join(src, ".git")):
        with contextlib.suppress(subprocess.CalledProcessError):
            if git(["-C", src, "log", "-1", "--format=%s"]) == marker:
                return "up to date"
    repo = git_dir(mirror, project)
    if not os.path.isdir(repo):
        raise SetupError(f"no git directory {repo}: fetch github:{project['repository']} "
                         f"(the fetch tool brings it there), or give --mirror")
    try:
        git(["--git-dir", repo, "rev-parse", "--verify", project["commit"] + "^{commit}"])
    except subprocess.CalledProcessError:
        raise SetupError(f"{repo} does not have commit {project['commit']}: fetch "
                         f"github:{project['repository']} again")
    missing = missing_blobs(repo, project["commit"])
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    excludes = [f":(exclude,literal){path}" for path in missing]
    archive = subprocess.Popen(["git", "--git-dir", repo, "archive", project["commit"], "--",
                                *([":/"] if excludes else []), *excludes],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    subprocess.run(["tar", "-x", "-C", src], stdin=archive.stdout, check=True)
    if archive.wait() != 0:  # (it complains of the excluded missing files, yet succeeds)
        raise SetupError(f"git archive of {project['commit']} failed: {archive.stderr.read()}")
    state = "extracted"
    if missing:
        state += f" (without {len(missing)} file(s) the snapshot lacks: {', '.join(missing)})"
    git(["-C", src, "init", "-q"])
    git(["-C", src, "add", "-A"])
    git(["-C", src, "-c", "user.name=ecosystem", "-c", "user.email=ecosystem@localhost",
         "commit", "-q", "--no-verify", "-m", marker])
    return state


def missing_blobs(repo, commit):
    """Paths of the commit whose content the git directory lacks (a snapshot may leave out
    its largest files): extracted without them, and said so."""
    tree = git(["--git-dir", repo, "ls-tree", "-r", "-z", commit]).split("\0")
    blobs = {}
    for line in filter(None, tree):
        meta, path = line.split("\t", 1)
        _, kind, sha = meta.split()
        if kind == "blob":
            blobs.setdefault(sha, []).append(path)
    check = git(["--git-dir", repo, "cat-file", "--batch-check"], input="\n".join(blobs) + "\n")
    return sorted(path for line in check.splitlines() if line.endswith(" missing")
                  for path in blobs[line.split()[0]])


def write_files(project, paths):
    """The manifest's shims and wrappers, into work/<name>."""
    for rel, lines in project.get("files", {}).items():
        path = os.path.join(paths["work"], rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("".join(expand(line, paths) + "\n" for line in lines))


def database_entries(spec, paths):
    """compile_commands.json entries for a project without a build system."""
    compiler = [expand(arg, paths) for arg in spec["compiler"]]
    entries = []
    for unit in spec["units"]:
        if "glob" in unit:
            files = sorted(glob.glob(os.path.join(paths["src"], unit["glob"]), recursive=True))
        else:
            files = [os.path.join(paths["src"], rel) for rel in unit["files"]]
        for file in files:
            if not os.path.isfile(file):
                raise SetupError(f"the database names {file}, which does not exist")
            argv = [*compiler, *[expand(f, paths) for f in unit["flags"]], "-c", file]
            entries.append({"directory": paths["build"], "command": shlex.join(argv),
                            "file": file})
    return entries


def cmake_configure(project, paths, common, lock):
    spec = project["configure"]
    argv = ["cmake", "-S", expand(spec["source"], paths), "-B", paths["build"], *common,
            *[expand(arg, paths) for arg in spec["args"]]]
    with cpu_lock(lock):
        run(argv, stdout=subprocess.DEVNULL)


def generate(project, paths, lock):
    """Only the code generators the TUs need: named ninja outputs, then Qt's AUTOMOC."""
    spec = project.get("generate", {})
    if spec.get("ninja_targets"):
        with cpu_lock(lock):
            run(["ninja", "-C", paths["build"], *spec["ninja_targets"]], stdout=subprocess.DEVNULL)
    if spec.get("qt_autogen"):
        infos = sorted(glob.glob(os.path.join(paths["build"], "**", "AutogenInfo.json"),
                                 recursive=True))
        for info in infos:
            target_dir = os.path.dirname(os.path.dirname(os.path.dirname(info)))
            with cpu_lock(lock):
                run(["cmake", "-E", "cmake_autogen", info, ""], cwd=target_dir,
                    stdout=subprocess.DEVNULL)


def configure(project, paths, manifest, lock):
    """Writes build/<name>/compile_commands.json (once per manifest entry)."""
    stamp_path = os.path.join(paths["build"], STAMP)
    stamp = hashlib.sha256(json.dumps([project, manifest["cmake"]], sort_keys=True)
                           .encode()).hexdigest()
    database = os.path.join(paths["build"], "compile_commands.json")
    with contextlib.suppress(OSError):
        with open(stamp_path) as f:
            if f.read().strip() == stamp and os.path.isfile(database):
                return "up to date"
    os.makedirs(paths["build"], exist_ok=True)
    write_files(project, paths)
    if "database" in project:
        with open(database, "w") as f:
            json.dump(database_entries(project["database"], paths), f, indent=2)
    else:
        cmake_configure(project, paths, manifest["cmake"], lock)
        generate(project, paths, lock)
    with open(stamp_path, "w") as f:
        f.write(stamp + "\n")
    return "configured"


def missing_packages(packages):
    """The Debian packages of the list that dpkg does not report installed. A project may
    configure without one (libcoro's c-ares shim names the library whether it is there or not)
    and then fail to parse, so setup says so before anything else."""
    missing = []
    for package in packages:
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                capture_output=True, text=True).stdout
        if status != "install ok installed":
            missing.append(package)
    return missing


def cmd_setup(args):
    manifest = load_manifest()
    missing = missing_packages(manifest["packages"])
    if missing:
        print(f"setup: the projects need packages that are not installed: "
              f"apt-get install -y {' '.join(missing)}", file=sys.stderr)
        return 1
    failed = []
    for project in select(manifest, args.projects):
        paths = project_paths(args.cache, project)
        try:
            state = extract(project, paths, args.mirror)
            state += ", " + configure(project, paths, manifest, args.lock)
            with open(os.path.join(paths["build"], "compile_commands.json")) as f:
                state += f", {len(json.load(f))} database entries"
        except (SetupError, subprocess.CalledProcessError) as e:
            state = f"FAILED: {e}"
            failed.append(project["name"])
        print(f"{project['name']}: {state}", flush=True)
    if failed:
        print(f"packages the projects need: apt-get install -y {' '.join(manifest['packages'])}",
              file=sys.stderr)
    return 1 if failed else 0


# ---- lint ------------------------------------------------------------------------------

def timed(argv, log_path):
    """Runs argv with its output in log_path: (wall seconds, peak RSS in MiB, exit status)."""
    with open(log_path, "w") as log:
        start = time.perf_counter()
        pid = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT).pid
        _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def cache_off(binary):
    """--no-cache for an async-lint that has a result cache: each run is a full analysis
    (its wall time is reported), and nothing is written into the shared build directories."""
    usage = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    return ["--no-cache"] if "--no-cache" in usage else []


def lint_project(binary, project, paths, results, jobs, lock):
    """One async-lint run over a project's database, summarised for the report."""
    name = project["name"]
    output = os.path.join(results, f"{name}.json")
    argv = [binary, "-p", paths["build"], "--root", paths["src"], f"-j{jobs}",
            "--format", "json", "--output", output, *cache_off(binary)]
    with contextlib.suppress(FileNotFoundError):
        os.remove(output)
    with cpu_lock(lock):
        print("+", shlex.join(argv), file=sys.stderr, flush=True)
        wall, peak, status = timed(argv, os.path.join(results, f"{name}.log"))
    entry = {"commit": project["commit"], "exit": status, "wall_s": round(wall, 1),
             "peak_mib": round(peak), "tus": 0, "failed_units": [], "findings": []}
    if not os.path.isfile(output):
        return entry
    with open(output) as f:
        report = json.load(f)
    entry["tus"] = len(report.get("units", []))
    entry["failed_units"] = report.get("failedUnits", [])
    entry["findings"] = sorted(({k: d[k] for k in ("file", "line", "check", "message")}
                                for d in report.get("findings", [])),
                               key=lambda d: (d["file"], d["line"], d["check"]))
    return entry


def per_check(entry):
    counts = collections.Counter(d["check"] for d in entry["findings"])
    return [counts[c] for c in CHECKS]


def tus_cell(entry):
    failed = len(entry["failed_units"])
    return f"{entry['tus']}" + (f" ({failed} failed)" if failed else "")


def short_check(check):
    return check.removeprefix("async-")


def print_lint_table(report):
    print(f"| project | TUs | wall (s) | peak (MiB) | exit | "
          f"{' | '.join(short_check(c) for c in CHECKS)} | findings |")
    print("|---|---:|---:|---:|---:|" + "---:|" * len(CHECKS) + "---:|")
    for name, e in report["projects"].items():
        counts = " | ".join(str(n) for n in per_check(e))
        print(f"| {name} | {tus_cell(e)} | {e['wall_s']} | {e['peak_mib']} | {e['exit']} | "
              f"{counts} | {len(e['findings'])} |")


def version_of(binary):
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run([binary, "--version"], capture_output=True, text=True,
                              check=True).stdout.strip().splitlines()[0]
    return "unknown"


def cmd_lint(args):
    manifest = load_manifest()
    binary = os.path.abspath(args.async_lint)
    results = os.path.join(args.cache, "results")
    os.makedirs(results, exist_ok=True)
    report = {"async_lint": binary, "version": version_of(binary),
              "date": time.strftime("%Y-%m-%dT%H:%M:%S"), "jobs": args.jobs, "projects": {}}
    for project in select(manifest, args.projects):
        paths = project_paths(args.cache, project)
        if not os.path.isfile(os.path.join(paths["build"], STAMP)):
            print(f"{project['name']}: not set up: run `run.py setup` first", file=sys.stderr)
            return 2
        report["projects"][project["name"]] = lint_project(binary, project, paths, results,
                                                           args.jobs, args.lock)
    with open(os.path.join(args.cache, "report.json"), "w") as f:
        json.dump(report, f, indent=1)
    print_lint_table(report)
    return 0


# ---- diff ------------------------------------------------------------------------------

def key(project, finding):
    return (project, finding["file"], finding["line"], finding["check"])


def load_verdicts(path):
    with open(path) as f:
        verdicts = json.load(f)["verdicts"]
    bad = [v for v in verdicts if v.get("verdict") not in VERDICT_KINDS]
    if bad:
        sys.exit(f"run.py: {path}: {len(bad)} entries without a verdict in {VERDICT_KINDS}, "
                 f"e.g. {bad[0]}")
    return verdicts


def match(findings, verdicts):
    """Pairs findings with verdicts of the same key: (matched verdicts, new findings, gone
    verdicts). Several findings may share a key; each verdict answers for one of them."""
    by_key = collections.defaultdict(list)
    for v in verdicts:
        by_key[key(v["project"], v)].append(v)
    matched, new = [], []
    for project, finding in findings:
        waiting = by_key.get(key(project, finding))
        if waiting:
            matched.append(waiting.pop(0))
        else:
            new.append((project, finding))
    gone = [v for vs in by_key.values() for v in vs]
    return matched, new, gone


def print_project_diff(name, new, gone):
    if not new and not gone:
        return
    print(f"\n## {name}")
    for _, f in new:
        print(f"NEW  {f['file']}:{f['line']}: [{f['check']}] {f['message']}")
    for v in gone:
        print(f"GONE {v['file']}:{v['line']}: [{v['check']}] ({v['verdict']}) {v['message']}")


def print_diff_table(report, matched):
    kinds = collections.Counter((v["project"], v["verdict"]) for v in matched)
    print(f"\n| project | TUs | wall (s) | peak (MiB) | exit | "
          f"{' | '.join(short_check(c) for c in CHECKS)} | true | intended | false |")
    print("|---|---:|---:|---:|---:|" + "---:|" * (len(CHECKS) + 3))
    totals = collections.Counter()
    for name, e in report["projects"].items():
        counts = per_check(e) + [kinds[(name, k)] for k in VERDICT_KINDS]
        totals.update({i: n for i, n in enumerate([e["tus"]] + counts)})
        print(f"| {name} | {tus_cell(e)} | {e['wall_s']} | {e['peak_mib']} | {e['exit']} | "
              f"{' | '.join(str(n) for n in counts)} |")
    columns = len(CHECKS) + len(VERDICT_KINDS)
    print(f"| total | {totals[0]} | | | | "
          f"{' | '.join(str(totals[i]) for i in range(1, columns + 1))} |")


def write_draft(path, new):
    """The new findings as verdict entries to review and merge into verdicts.json."""
    entries = [{"project": p, "file": f["file"], "line": f["line"], "check": f["check"],
                "verdict": "", "reason": "", "message": f["message"]} for p, f in new]
    with open(path, "w") as f:
        json.dump(entries, f, indent=2)
        f.write("\n")


def cmd_diff(args):
    with open(os.path.join(args.cache, "report.json")) as f:
        report = json.load(f)
    verdicts = [v for v in load_verdicts(args.verdicts) if v["project"] in report["projects"]]
    findings = [(name, d) for name, e in report["projects"].items() for d in e["findings"]]
    matched, new, gone = match(findings, verdicts)
    print(f"{report['version']} ({report['async_lint']}), {report['date']}: "
          f"{len(findings)} findings, {len(new)} new, {len(gone)} gone")
    for name in report["projects"]:
        print_project_diff(name, [n for n in new if n[0] == name],
                           [g for g in gone if g["project"] == name])
    print_diff_table(report, matched)
    if args.draft:
        write_draft(args.draft, new)
    return 1 if new or gone else 0


# ---- command line ----------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", default=os.environ.get("ASYNC_LINT_ECOSYSTEM",
                                                          "/work/ecosystem"))
    parser.add_argument("--lock", default=os.environ.get("ASYNC_LINT_LOCK", ""),
                        help="flock this file around each heavy step")
    sub = parser.add_subparsers(dest="command", required=True)
    setup = sub.add_parser("setup", help="extract and configure the projects")
    setup.add_argument("--mirror", default=os.environ.get("ASYNC_LINT_MIRROR", "/work/.mirror"))
    setup.add_argument("--projects", default="")
    lint = sub.add_parser("lint", help="lint the projects, write <cache>/report.json")
    lint.add_argument("--async-lint", required=True)
    lint.add_argument("--projects", default="")
    lint.add_argument("-j", "--jobs", type=int, default=2)
    diff = sub.add_parser("diff", help="compare the last report with the verdicts")
    diff.add_argument("--verdicts", default=VERDICTS)
    diff.add_argument("--draft", help="write the new findings as verdict entries to FILE")
    args = parser.parse_args()
    args.cache = os.path.abspath(args.cache)
    return {"setup": cmd_setup, "lint": cmd_lint, "diff": cmd_diff}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
