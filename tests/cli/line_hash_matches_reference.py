#!/usr/bin/env python3
"""LineHash.cpp against line_hash_reference.js (codeql-action's hash()) on real files.

usage: line_hash_matches_reference.py NODE LINE_HASH_DUMP FILE_OR_DIR...

Directories contribute their *.cpp, *.h and *.md files. Also hashes generated
inputs that the GTest does not spell out: every byte value, long lines, mixed
line endings, 64 KiB chunk boundaries inside multi-byte characters.
"""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for dirpath, _, names in sorted(os.walk(path)):
                for name in sorted(names):
                    if name.endswith((".cpp", ".h", ".md")):
                        yield os.path.join(dirpath, name)
        else:
            yield path


def generated(tmp):
    rng = random.Random(20240601)
    inputs = {
        "all-bytes": bytes(range(256)) * 3,
        "mixed-endings": b"a\r\nb\rc\n\r\nd\n\re \t\r\n\t",
        "long-lines": b"\n".join(b"y" * n for n in (99, 100, 101, 250)),
        # Node reads 64 KiB chunks: put a 4-byte character across the boundary.
        "chunk-boundary": b"z" * 65535 + "\U0001F600\n\u00e9".encode(),
        "random-utf8": "".join(rng.choice("ab \t\n\r\u00e9\u2713\U0001F600{};")
                               for _ in range(5000)).encode(),
        "random-bytes": bytes(rng.randrange(256) for _ in range(5000)),
    }
    for name, data in inputs.items():
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        yield path


def per_file(output):
    """Splits a dump (`== FILE` headers, then `line:hash` lines) into {FILE: its lines}."""
    sections = {}
    for line in output.splitlines():
        if line.startswith("== "):
            lines = sections.setdefault(line[3:], [])
        else:
            lines.append(line)
    return sections


def main():
    node, dump, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    reference = os.path.join(HERE, "line_hash_reference.js")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        checked = list(files(paths)) + list(generated(tmp))
        wants = per_file(subprocess.run([node, reference] + checked, capture_output=True,
                                        text=True, check=True).stdout)
        gots = per_file(subprocess.run([dump] + checked, capture_output=True, text=True,
                                       check=True).stdout)
        for path in checked:
            want, got = wants.get(path), gots.get(path)
            if want is None or got is None:
                failures += 1
                print(f"{path}: missing from the {'reference' if want is None else 'dump'}")
            elif want != got:
                failures += 1
                want, got = want + [""], got + [""]
                first = next(i for i, (w, g) in enumerate(zip(want, got)) if w != g)
                print(f"{path}: line {first + 1}: reference {want[first]!r}, "
                      f"LineHash.cpp {got[first]!r}")
    print(f"{len(checked) - failures} of {len(checked)} files hash alike")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
