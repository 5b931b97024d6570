"""fnc1_jsonl.py BODIES.csv > OUT.jsonl: the FNC-1 bodies as JSON Lines.

Each body becomes one record {"id": "b<Body ID>", "text": <articleBody>}
in file order, so that `newsgraph ingest` can read them: used by
eval/resume_check.sh (docs/RELIABILITY.md) and by the byte-identity checks
of the exports (docs/QUALITY.md). Runs under /usr/bin/python3.
"""
import csv
import json
import sys

csv.field_size_limit(1 << 30)
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        print(json.dumps({"id": "b" + row["Body ID"], "text": row["articleBody"]},
                         ensure_ascii=False))
