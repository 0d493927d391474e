#!/usr/bin/env python3
"""Every registered check is complete and says each name once (STYLE.md, conventions 1-3).

For each check that the plugin registers, named mechanically from the check name
(async-blocking-call -> BlockingCallCheck -> checks/BlockingCallCheck.{h,cpp} ->
docs/checks/blocking-call.md -> fixtures/blocking-call/):
  - the header, the source, the doc page and at least one bad and one good fixture exist;
  - one summary sentence is used three times: the header's first `///` line, the doc page's
    first sentence and the README's row for the check;
  - every option survives a round trip through clang-tidy's configuration: set to a
    non-default value in --config, it comes back from --dump-config (storeOptions writes what
    the constructor read, under the same key).

usage: consistency.py CLANG_TIDY PLUGIN SOURCE_ROOT
"""
import os
import re
import subprocess
import sys

clang_tidy, plugin, root = sys.argv[1:4]
problems = []


def tidy(*args):
    return subprocess.run([clang_tidy, f"--load={plugin}", "--checks=-*,async-*", *args],
                          capture_output=True, text=True, check=True).stdout


def check_options(config=""):
    """{'check.Key': 'value'} for the async checks, from --dump-config."""
    text = tidy("--dump-config", f"--config={{CheckOptions: {{{config}}}}}")
    pairs = re.findall(r"^\s+(async-[\w-]+\.\w+):\s+(.*)$", text, re.M)
    return {key: value.strip("'") for key, value in pairs}  # YAML quotes some values only


def first_sentence(path):
    text = open(path).read()
    body = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return re.split(r"(?<=\.)\s", " ".join(body), maxsplit=1)[0] if body else ""


checks = re.findall(r"^\s+(async-[\w-]+)$", tidy("--list-checks"), re.M)
readme = open(os.path.join(root, "README.md")).read()
for check in checks:
    short = check[len("async-"):]
    cls = "".join(part.capitalize() for part in short.split("-")) + "Check"
    header = os.path.join(root, "checks", cls + ".h")
    doc = os.path.join(root, "docs", "checks", short + ".md")
    fixtures = os.path.join(root, "fixtures", short)
    for path in (header, os.path.join(root, "checks", cls + ".cpp"), doc, fixtures):
        if not os.path.exists(path):
            problems.append(f"{check}: missing {os.path.relpath(path, root)}")
    if os.path.isdir(fixtures):
        names = os.listdir(fixtures)
        for kind in ("bad-", "good-"):
            if not any(n.startswith(kind) and n.endswith(".cpp") for n in names):
                problems.append(f"{check}: no {kind}*.cpp fixture in fixtures/{short}/")
    if not (os.path.exists(header) and os.path.exists(doc)):
        continue
    summary = re.search(r"^/// (.*)$", open(header).read(), re.M)
    summary = summary.group(1) if summary else ""
    # The summary may wrap onto a second /// line in the header.
    follow = re.search(r"^/// " + re.escape(summary) + r"\n/// (\S.*)$", open(header).read(), re.M)
    if follow:
        summary += " " + follow.group(1)
    if first_sentence(doc) != summary:
        problems.append(f"{check}: the doc's first sentence {first_sentence(doc)!r} "
                        f"is not the header's summary {summary!r}")
    if f"| `{check}` | {summary} |" not in readme:
        problems.append(f"{check}: README.md has no row `| `{check}` | {summary} |`")

# Options round trip: a distinct non-default value for each key.
defaults = check_options()
valid_values = {"RulePacks": "", "EnabledRulePacks": "stdlib-mutex",
                "DisabledRulePacks": "boost-asio"}
changed = {}
for key, value in defaults.items():
    name = key.split(".", 1)[1]
    if name in valid_values:
        changed[key] = valid_values[name]
    elif value in ("true", "false"):
        changed[key] = "false" if value == "true" else "true"
    elif value.isdigit():
        changed[key] = str(int(value) + 1)
    else:
        changed[key] = "probe::" + name
round_trip = check_options(", ".join(f"{k}: '{v}'" for k, v in changed.items()))
for key, value in changed.items():
    if round_trip.get(key) != value:
        problems.append(f"option {key}: set to {value!r}, dumped as {round_trip.get(key)!r}")
for check in checks:
    if not any(k.startswith(check + ".") for k in defaults):
        problems.append(f"{check}: stores no option (at least the rule-pack options)")

for problem in problems:
    print(problem)
print(f"{len(checks)} checks, {len(defaults)} options: "
      f"{'consistent' if not problems else str(len(problems)) + ' problems'}")
sys.exit(1 if problems else 0)
