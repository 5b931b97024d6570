#!/usr/bin/python3
"""mkhelp.py: turns src/cli/help.txt (the one text of the command's help)
into the C table the command prints and into the man page.

    mkhelp.py c   HELP.txt OUT.c
    mkhelp.py man HELP.txt OUT.1 VERSION

The format of help.txt is described at its top. The C output is a table of
{name, summary, text} with the "usage" section first, for src/cli/help.c;
the man page has NAME, SYNOPSIS, DESCRIPTION (the overview), COMMANDS (one
subsection per command), EXIT STATUS and FILES.
"""
import re
import sys

ITEM = re.compile(r"^  (\S(?:.*?\S)?)(?: {2,}(\S.*))?$")


def read_sections(path):
    sections = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if line.startswith("== "):
                name, _, summary = line[3:].partition(":")
                sections.append([name.strip(), summary.strip(), []])
            elif sections:
                sections[-1][2].append(line)
            elif line.strip():
                sys.exit("mkhelp: %s: text before the first section" % path)
    for s in sections:
        while s[2] and not s[2][-1].strip():
            s[2].pop()
    names = [s[0] for s in sections]
    if not names or names[0] != "usage":
        sys.exit("mkhelp: %s: the first section must be 'usage'" % path)
    if len(set(names)) != len(names):
        sys.exit("mkhelp: %s: a section name appears twice" % path)
    # every command the overview lists has its own section, and back
    listed, in_commands = [], False
    for line in sections[0][2]:
        if not line.startswith(" "):
            in_commands = line == "commands:"
            continue
        m = ITEM.match(line)
        if in_commands and m and not line.startswith("   "):
            listed.append(m.group(1).split()[0])
    commands = [n for n in names[1:] if n not in ("exit", "files")]
    for c in listed:
        if c not in commands:
            sys.exit("mkhelp: %s: command %s is in the overview but has no "
                     "'== %s:' section" % (path, c, c))
    for c in commands:
        if c not in listed:
            sys.exit("mkhelp: %s: section %s is not in the overview's "
                     "commands" % (path, c))
    return sections


def c_string(text):
    out = []
    for line in text.split("\n"):
        esc = line.replace("\\", "\\\\").replace('"', '\\"')
        out.append('\t"%s\\n"' % esc)
    return "\n".join(out)


def write_c(sections, out):
    out.write("/* help_text.c: generated from src/cli/help.txt by "
              "tools/mkhelp.py; do not edit. */\n")
    out.write('#include "help.h"\n\n')
    out.write("const cli_help_section cli_help_sections[] = {\n")
    for name, summary, lines in sections:
        if name in ("exit", "files"):
            continue
        out.write('{"%s", "%s",\n%s},\n' % (name, summary.replace('"', '\\"'),
                                           c_string("\n".join(lines))))
    out.write("{0, 0, 0}};\n")


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith(".") or text.startswith("'"):
        text = "\\&" + text
    return text


def man_body(lines, out, heading_macro=".SS"):
    """Paragraphs, headings ("word:") and two-column items (.TP)."""
    in_item = False
    for line in lines:
        if not line.strip():
            out.append(".PP")
            in_item = False
            continue
        if line.startswith("usage: "):
            out.append(".nf")
            out.append(roff(line[len("usage: "):]))
            out.append(".fi")
            continue
        if not line.startswith(" ") and line.endswith(":"):
            out.append(".PP")
            out.append(".B " + roff(line[:-1].capitalize()))
            in_item = False
            continue
        m = ITEM.match(line)
        if m and not line.startswith("   "):
            out.append(".TP")
            out.append("\\fB" + roff(m.group(1)) + "\\fR")
            if m.group(2):
                out.append(roff(m.group(2)))
            in_item = True
            continue
        if line.startswith(" ") and in_item:
            out.append(roff(line.strip()))
            continue
        out.append(roff(line.strip()))


def write_man(sections, out, version):
    by_name = {s[0]: s for s in sections}
    lines = ['.\\" newsgraph.1: generated from src/cli/help.txt by '
             'tools/mkhelp.py; do not edit.',
             '.TH NEWSGRAPH 1 "" "newsgraph %s" "User Commands"' % version,
             ".SH NAME",
             "newsgraph \\- " + roff(by_name["usage"][1]),
             ".SH SYNOPSIS",
             ".B newsgraph",
             ".I COMMAND",
             "[\\fIARGS\\fR] [\\fIOPTIONS\\fR]",
             ".SH DESCRIPTION"]
    usage = [l for l in by_name["usage"][2] if not l.startswith("usage: ")]
    man_body(usage, lines)
    lines.append(".SH COMMANDS")
    for name, summary, body in sections:
        if name in ("usage", "exit", "files"):
            continue
        lines.append(".SS " + roff(name) + " \\(em " + roff(summary))
        man_body(body, lines)
    for name, title in (("exit", "EXIT STATUS"), ("files", "FILES")):
        if name in by_name:
            lines.append(".SH " + title)
            man_body(by_name[name][2], lines)
    lines.append(".SH SEE ALSO")
    lines.append("The documentation in the source tree: README.md, "
                 "docs/ARCHITECTURE.md, docs/EXPORT.md, docs/QUALITY.md.")
    cleaned = []
    for l in lines:  # no empty paragraphs
        if l == ".PP" and cleaned and cleaned[-1] in (".PP", ".SH DESCRIPTION") \
                or l == ".PP" and cleaned and cleaned[-1].startswith((".SS", ".SH")):
            continue
        cleaned.append(l)
    out.write("\n".join(cleaned) + "\n")


def main(argv):
    if len(argv) < 4 or argv[1] not in ("c", "man") or \
            (argv[1] == "man" and len(argv) != 5):
        sys.exit("usage: mkhelp.py c HELP.txt OUT.c | "
                 "mkhelp.py man HELP.txt OUT.1 VERSION")
    sections = read_sections(argv[2])
    with open(argv[3] + ".tmp", "w", encoding="utf-8") as out:
        if argv[1] == "c":
            write_c(sections, out)
        else:
            write_man(sections, out, argv[4])
    import os
    os.replace(argv[3] + ".tmp", argv[3])


if __name__ == "__main__":
    main(sys.argv)
