#!/usr/bin/env python3
"""Validates every rule pack in RULES_DIR against RULES_DIR/pack.schema.json.

Exits 1 on any error. Needs Debian's python3-jsonschema (scripts/setup.sh installs it).
"""
import glob
import json
import os
import sys

import jsonschema

rules_dir = sys.argv[1]
with open(os.path.join(rules_dir, "pack.schema.json")) as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
packs = sorted(p for p in glob.glob(os.path.join(rules_dir, "*.json"))
               if not p.endswith(".schema.json"))
for path in packs:
    with open(path) as f:
        pack = json.load(f)
    for error in validator.iter_errors(pack):
        failed = True
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        print(f"{os.path.basename(path)}: at {where}: {error.message}")
print(f"{len(packs)} packs checked")
sys.exit(1 if failed else 0)
