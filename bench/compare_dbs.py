#!/usr/bin/python3
"""compare_dbs.py A.db B.db: how two newsgraph databases of the same input
agree, as docs/SCALE.md asks of the distributed ingest against the single
process (bench/mpi_run.sh).

Articles are matched by id (seq numbers need not be the same). Prints:
  articles   both hold the same ids
  copies     the copy edges (copy id, original id, kind, why, score to six
             places) of A and B, and whether the two sets are equal
  evidence   the same for the evidence rows behind them
  stories    B-cubed precision, recall and F1 of B's stories against A's
             (each article's story; every article counts once)
Exit status 0 when articles and copies are equal and F1 >= 0.99.
Reads the files read-only (sqlite3 of Debian's python3), in one pass per
table: fine for the 1,000,000-article bench.
"""
import collections
import sqlite3
import sys


def connect(path):
    return sqlite3.connect('file:%s?mode=ro' % path, uri=True)


def ids(db):
    return dict(db.execute('SELECT seq, id FROM articles'))


def copies(db, name):
    return set((name[c], name[o], k, w, '%.6f' % s) for c, o, k, w, s in
               db.execute('SELECT copy, original, kind, why, score FROM copies'))


def evidence(db, name):
    return collections.Counter(
        (name[c], name[o], k, cs, ce, os_, oe, '%.6f' % (s or 0))
        for c, o, k, cs, ce, os_, oe, s in db.execute(
            'SELECT copy, original, kind, copy_start, copy_end, original_start,'
            ' original_end, score FROM evidence'))


def stories(db):
    return dict(db.execute('SELECT id, story FROM articles'))


def bcubed(gold, test):
    """B-cubed precision and recall of test's clusters against gold's, over
    the items both assign."""
    items = [i for i in gold if i in test]
    gold_members = collections.defaultdict(set)
    test_members = collections.defaultdict(set)
    for i in items:
        gold_members[gold[i]].add(i)
        test_members[test[i]].add(i)
    p = r = 0.0
    # per pair of clusters, the overlap counts once per item in it
    overlap = collections.Counter((gold[i], test[i]) for i in items)
    for (g, t), n in overlap.items():
        p += n * n / len(test_members[t])
        r += n * n / len(gold_members[g])
    n = len(items) or 1
    p, r = p / n, r / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = connect(sys.argv[1]), connect(sys.argv[2])
    name_a, name_b = ids(a), ids(b)
    same_articles = set(name_a.values()) == set(name_b.values())
    print('articles   %d and %d, same ids: %s' % (len(name_a), len(name_b),
                                                 'yes' if same_articles else 'NO'))
    ca, cb = copies(a, name_a), copies(b, name_b)
    print('copies     %d and %d, equal: %s (only in A: %d, only in B: %d)' % (
        len(ca), len(cb), 'yes' if ca == cb else 'NO', len(ca - cb), len(cb - ca)))
    ea, eb = evidence(a, name_a), evidence(b, name_b)
    print('evidence   %d and %d rows, equal: %s' % (
        sum(ea.values()), sum(eb.values()), 'yes' if ea == eb else 'NO'))
    p, r, f = bcubed(stories(a), stories(b))
    print('stories    B-cubed precision %.4f recall %.4f F1 %.4f' % (p, r, f))
    sys.exit(0 if same_articles and ca == cb and f >= 0.99 else 1)


if __name__ == '__main__':
    main()
