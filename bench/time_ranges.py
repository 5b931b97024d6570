#!/usr/bin/python3
"""time_ranges.py NEWSGRAPH CORPUS.jsonl WORKDIR [--ranges R] [--warmup D]...

What linking stories per time range would cost in agreement with one
process (docs/SCALE.md, "Stories per time range, measured"): the plan for
more than a few ranks cuts the input into ranges, links each range on its
own after a warm-up of the days before it, and reconciles the stories at
the boundaries. This measures that plan with the single-process ingest,
before any of it is built into the distributed one.

The corpus (JSON Lines whose records carry "id" and "published") is cut in
input order into R ranges of as many lines each. Range k > 0 is ingested
after its warm-up: the earlier lines dated no more than D days before the
range's day (the median day of its first 63 dated lines, as the copy
index counts the stream's day), in input order. Each range goes into a
database of its own (NEWSGRAPH ingest FILE --db WORKDIR/...); the whole
corpus once more into WORKDIR/whole.db, the reference (kept between
runs: delete it when the binary changes).

Stitching: range 0's stories stand; each story of range k that holds
warm-up articles is mapped to the stitched story that holds most of them
(ties to the smaller label), the rest stay new. The range's own articles
take their story's mapped label. Printed per warm-up: B-cubed precision,
recall and F1 of the stitched stories against whole.db's over every
article, and the same over the articles within D days after a boundary;
and how the copy edges found for each range's own articles (those with
one end among them, found with only the warm-up before them) compare with
the whole run's. Every --warmup given is run in turn (default 28, two
story windows).
"""
import collections
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_dbs import bcubed, connect, ids, stories  # noqa: E402

RECENT = 63  # NGI_COPY_RECENT: the stream's day is the median of these


def day_of(published):
    if not published or len(published) < 10:
        return None
    try:
        d = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None
    return d.toordinal()


def read_corpus(path):
    lines, days, rec_ids = [], [], []
    with open(path, 'rb') as f:
        for raw in f:
            if not raw.strip():
                continue
            rec = json.loads(raw)
            lines.append(raw if raw.endswith(b'\n') else raw + b'\n')
            days.append(day_of(rec.get('published')))
            rec_ids.append(rec['id'])
    return lines, days, rec_ids


def range_day(days, start, end):
    dated = [d for d in days[start:end] if d is not None][:RECENT]
    return sorted(dated)[len(dated) // 2] if dated else None


def remove_db(db):
    for side in ('', '-wal', '-shm', '-lock'):
        if os.path.exists(db + side):
            os.unlink(db + side)


def ingest(newsgraph, src, db):
    remove_db(db)
    subprocess.run([newsgraph, 'ingest', src, '--db', db], check=True,
                   stdout=subprocess.DEVNULL)


def stories_and_copies(db):
    """Each article's story, and the copy edges (copy id, original id,
    kind, why; without the score)."""
    c = connect(db)
    name = ids(c)
    copies = set((name[a], name[b], k, w) for a, b, k, w in
                 c.execute('SELECT copy, original, kind, why FROM copies'))
    story = stories(c)
    c.close()
    return story, copies


def run(newsgraph, records, work, n_ranges, warmup, whole):
    lines, days, rec_ids = records
    n = len(lines)
    bounds = [n * k // n_ranges for k in range(n_ranges + 1)]
    stitched = {}      # id -> global label
    warm_ids = set()   # ids within `warmup` days after a boundary
    copies_own = set()
    next_label = 0
    for k in range(n_ranges):
        start, end = bounds[k], bounds[k + 1]
        warm = []
        if k > 0:
            day = range_day(days, start, end)
            warm = [i for i in range(start)
                    if day is not None and days[i] is not None and
                    days[i] >= day - warmup]
            warm_ids.update(rec_ids[i] for i in range(start, end)
                            if day is not None and days[i] is not None and
                            days[i] < day + warmup)
        src = os.path.join(work, 'range-%d-w%d.jsonl' % (k, warmup))
        with open(src, 'wb') as f:
            for i in warm:
                f.write(lines[i])
            for i in range(start, end):
                f.write(lines[i])
        db = os.path.join(work, 'range-%d-w%d.db' % (k, warmup))
        ingest(newsgraph, src, db)
        story, copies = stories_and_copies(db)
        own = set(rec_ids[start:end])
        copies_own |= {e for e in copies if e[0] in own or e[1] in own}
        # each story of this range with warm-up articles goes to the
        # stitched story holding most of them
        votes = collections.defaultdict(collections.Counter)
        for i in warm:
            votes[story[rec_ids[i]]][stitched[rec_ids[i]]] += 1
        label = {}
        for s in sorted(set(story[x] for x in own)):
            if votes[s]:
                best = max(votes[s].items(), key=lambda kv: (kv[1], -kv[0]))
                label[s] = best[0]
            else:
                label[s] = next_label
                next_label += 1
        for x in own:
            stitched[x] = label[story[x]]
        os.unlink(src)
        remove_db(db)
    p, r, f = bcubed(whole[0], stitched)
    near = {x: whole[0][x] for x in warm_ids}
    pn, rn, fn = bcubed(near, {x: stitched[x] for x in warm_ids})
    same = copies_own & whole[1]
    print('warm-up %3d days: stories B-cubed P %.4f R %.4f F1 %.4f;'
          ' near a boundary (%d articles) F1 %.4f (P %.4f R %.4f);'
          ' copies %d of the whole run\'s %d found, %d not in it'
          % (warmup, p, r, f, len(warm_ids), fn, pn, rn, len(same),
             len(whole[1]), len(copies_own - whole[1])), flush=True)


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    newsgraph, corpus, work = args[:3]
    n_ranges, warmups, rest = 2, [], args[3:]
    while rest:
        if rest[0] == '--ranges' and len(rest) > 1:
            n_ranges = int(rest[1])
        elif rest[0] == '--warmup' and len(rest) > 1:
            warmups.append(int(rest[1]))
        else:
            sys.exit(__doc__)
        rest = rest[2:]
    os.makedirs(work, exist_ok=True)
    whole_db = os.path.join(work, 'whole.db')
    if not os.path.exists(whole_db):
        ingest(newsgraph, corpus, whole_db)
    whole = stories_and_copies(whole_db)
    print('%s: %d ranges; the whole run: %d articles, %d stories, %d copies'
          % (corpus, n_ranges, len(whole[0]), len(set(whole[0].values())),
             len(whole[1])), flush=True)
    records = read_corpus(corpus)
    for w in warmups or [28]:
        run(newsgraph, records, work, n_ranges, w, whole)


if __name__ == '__main__':
    main()
