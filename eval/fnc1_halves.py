#!/usr/bin/python3
"""fnc1_halves.py: splits the FNC-1 training files into two halves by story.

`newsgraph eval stories` takes its gold from the stances: bodies that share
a headline labelled agree, disagree or discuss are one story. This script
builds the same stories, numbers them by their smallest Body ID, and writes
the bodies and stances of the even-numbered stories to OUT/bodies0.csv and
OUT/stances0.csv, the odd-numbered ones to OUT/bodies1.csv and
OUT/stances1.csv. A setting chosen on one half and measured on the other
(docs/QUALITY.md) tells a rule that carries over from one fitted to the
file: the halves share no story.

Run with Debian's /usr/bin/python3 (standard library only). The same input
gives the same files byte for byte.

usage: /usr/bin/python3 eval/fnc1_halves.py OUT [--shared DIR]
"""

import argparse
import csv
import os


def find(parent, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args()
    base = os.path.join(args.shared, "data", "fnc1")
    with open(os.path.join(base, "train_bodies.csv"), newline="",
              encoding="utf-8") as f:
        bodies = list(csv.DictReader(f))
    with open(os.path.join(base, "train_stances.csv"), newline="",
              encoding="utf-8") as f:
        stances = list(csv.DictReader(f))

    parent = {int(b["Body ID"]): int(b["Body ID"]) for b in bodies}
    first_of_headline = {}
    for s in stances:
        if s["Stance"] == "unrelated":
            continue
        body = int(s["Body ID"])
        if body not in parent:
            continue
        other = first_of_headline.setdefault(s["Headline"], body)
        a, b = find(parent, body), find(parent, other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    # a story's number: its smallest Body ID (union by minimum keeps it root)
    stories = sorted({find(parent, x) for x in parent})
    half = {story: i % 2 for i, story in enumerate(stories)}

    os.makedirs(args.out, exist_ok=True)
    for h in (0, 1):
        keep = {x for x in parent if half[find(parent, x)] == h}
        with open(os.path.join(args.out, "bodies%d.csv" % h), "w", newline="",
                  encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=["Body ID", "articleBody"])
            w.writeheader()
            for b in bodies:
                if int(b["Body ID"]) in keep:
                    w.writerow({"Body ID": b["Body ID"],
                                "articleBody": b["articleBody"]})
        with open(os.path.join(args.out, "stances%d.csv" % h), "w", newline="",
                  encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=["Headline", "Body ID", "Stance"])
            w.writeheader()
            for s in stances:
                if int(s["Body ID"]) in keep:
                    w.writerow({"Headline": s["Headline"],
                                "Body ID": s["Body ID"], "Stance": s["Stance"]})
        print("half %d: %d bodies in %d stories" %
              (h, len(keep), sum(1 for s in stories if half[s] == h)))


if __name__ == "__main__":
    main()
