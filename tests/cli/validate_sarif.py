#!/usr/bin/env python3
"""Validates SARIF logs with the SARIF multitool, with GitHub code scanning's rules.

usage: validate_sarif.py MULTITOOL FILE...

Runs `MULTITOOL validate --rule-kind "Sarif;Gh" -o OUT FILE` on each file: the
JSON schema (JSON1xxx), the SARIF rules (SARIF1xxx errors, SARIF2xxx advice)
and GitHub's (GH1xxx, GH2xxx). Fails listing every result of level error;
prints warnings too, which do not fail. Notes (advice such as "provide a
snippet") are left out.
"""
import json
import os
import subprocess
import sys
import tempfile


def problems(log):
    """(level, rule, where, message) of each result, messages filled in from the rules."""
    for run in log.get("runs", []):
        driver = run.get("tool", {}).get("driver", {})
        rules = {rule["id"]: rule for rule in driver.get("rules", [])}
        for result in run.get("results", []):
            message = result.get("message", {})
            text = message.get("text")
            if text is None:
                strings = rules.get(result.get("ruleId"), {}).get("messageStrings", {})
                text = strings.get(message.get("id"), {}).get("text", message.get("id", ""))
                for index, argument in enumerate(message.get("arguments", [])):
                    text = text.replace("{%d}" % index, argument)
            yield result.get("level", "warning"), result.get("ruleId", "?"), text


def main():
    multitool, files = sys.argv[1], sys.argv[2:]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for index, path in enumerate(files):
            out = os.path.join(tmp, f"validation{index}.sarif")
            # The npm wrapper runs the tool through a shell: the list needs its quotes.
            run = subprocess.run([multitool, "validate", "--rule-kind", '"Sarif;Gh"',
                                  "--level", '"Error;Warning"', "-o", out, path],
                                 capture_output=True, text=True)
            if not os.path.exists(out):
                print(f"{path}: the multitool wrote no result (exit {run.returncode}):\n"
                      f"{run.stdout[:2000]}{run.stderr[:2000]}")
                failed = True
                continue
            with open(out) as f:
                found = list(problems(json.load(f)))
            for level, rule, text in found:
                print(f"{path}: {level} {rule}: {text}")
            errors = sum(1 for level, _, _ in found if level == "error")
            print(f"{path}: {errors} errors, {len(found) - errors} warnings")
            failed = failed or errors > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
