#!/usr/bin/python3
"""table.py: the table of a `make fuzz` run, from the logs fuzz/run.sh left
in BUILD/logs/NAME.log and the failures kept in BUILD/crashes/NAME/:
per target the seconds it ran, executions, coverage (libFuzzer's cov: edges
and ft: features, from its last status line), the corpus it ended with and
the failures (crashes, timeouts, out-of-memory, leaks). Printed as Markdown
and written to BUILD/report.md. docs/RELIABILITY.md, "Fuzzing (issue 15)".

Usage: /usr/bin/python3 fuzz/table.py BUILD NAME...
"""
import os
import re
import sys

STATUS = re.compile(r"^#(\d+):? +cov: (\d+) ft: (\d+) corp: (\d+)")
FAILS = re.compile(r"oom/timeout/crash: (\d+)/(\d+)/(\d+)")


def row(build, name):
    log = os.path.join(build, "logs", name + ".log")
    execs = cov = ft = corp = "?"
    fails = [0, 0, 0]
    seconds = "?"
    if os.path.exists(log):
        for line in open(log, encoding="utf-8", errors="replace"):
            m = STATUS.match(line)
            if m:
                execs, cov, ft, corp = m.group(1), m.group(2), m.group(3), m.group(4)
                f = FAILS.search(line)
                if f:
                    fails = [int(f.group(i)) for i in (1, 2, 3)]
            if line.startswith("seconds: "):
                seconds = line.split()[1]
    kept = 0
    d = os.path.join(build, "crashes", name)
    if os.path.isdir(d):
        kept = len([f for f in os.listdir(d)
                    if f.split("-")[0] in ("crash", "leak", "timeout", "oom")])
    rate = "?"
    if execs != "?" and seconds not in ("?", "0"):
        rate = str(int(execs) // int(seconds))
    return [name, seconds, execs, rate, cov, ft, corp,
            "%d/%d/%d" % (fails[2], fails[1], fails[0]), str(kept)]


def main():
    build, names = sys.argv[1], sys.argv[2:]
    head = ["target", "seconds", "executions", "exec/s", "cov", "ft",
            "corpus", "crash/timeout/oom", "inputs kept"]
    lines = ["| " + " | ".join(head) + " |",
             "|" + "---|" * len(head)]
    for name in names:
        lines.append("| " + " | ".join(row(build, name)) + " |")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(build, "report.md"), "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
