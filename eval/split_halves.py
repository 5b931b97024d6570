#!/usr/bin/python3
"""split_halves.py: cuts a JSON Lines set with a gold map of article id to
event id into two halves by event (every article of an event in the same
half), so a setting can be chosen on one half and reported on the other.

The half of an event is the parity of the first byte of SHA-1 of its id:
deterministic, independent of file order, and the same on every machine.

usage: /usr/bin/python3 eval/split_halves.py ARTICLES.jsonl GOLD.json OUTDIR
writes OUTDIR/a.jsonl, a.gold.json, b.jsonl, b.gold.json (file order kept)
"""
import hashlib
import json
import os
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    articles, gold_path, out = sys.argv[1:]
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)
    os.makedirs(out, exist_ok=True)
    lines = {"a": [], "b": []}
    golds = {"a": {}, "b": {}}
    with open(articles, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            event = gold.get(rec.get("id"))
            if event is None:
                continue
            half = "ab"[hashlib.sha1(event.encode()).digest()[0] & 1]
            lines[half].append(line if line.endswith("\n") else line + "\n")
            golds[half][rec["id"]] = event
    for half in "ab":
        with open(os.path.join(out, half + ".jsonl"), "w", encoding="utf-8") as f:
            f.writelines(lines[half])
        with open(os.path.join(out, half + ".gold.json"), "w", encoding="utf-8") as f:
            json.dump(golds[half], f, ensure_ascii=False, indent=0, sort_keys=True)
        print(f"{half}: {len(lines[half])} articles, "
              f"{len(set(golds[half].values()))} events")


if __name__ == "__main__":
    main()
