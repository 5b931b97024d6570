#!/usr/bin/python3
"""gen_limits.py DIR SIZE: pathological inputs of about SIZE bytes each for
tests/limits_test.sh, and a baseline of ordinary prose of the same size.
Made-up words from a fixed seed: the same files every run.

    prose.txt       ordinary sentences (the baseline)
    capwords.txt    capitalised words only (the entity recogniser's worst)
    straight.txt    straight quote marks " only
    opening.txt     opening quote marks “ only, never closed
    quoteword.txt   “word again and again, never closed
    quotes.txt      short quotations with a speaker: “...,” said Name Surname.
    oneword.txt     one word of SIZE letters
    newlines.txt    line breaks only
    dates.txt       dates and times, one after another
    deep.html       <div> opened SIZE/5 times, never closed
    inline.html     <b> opened SIZE/3 times
    attribute.html  one tag whose attribute is SIZE bytes
    comment.html    a comment never closed
    lt.html         '<' only
    deep.jsonl      one JSON line nested SIZE/2 levels
    escapes.jsonl   one JSON line whose text is \\u escapes
    feed.xml        an RSS feed of SIZE/200 items (under the item cap up
                    to 20 MB)
    sameid.jsonl    SIZE/40 short records sharing one id, each new content
"""
import os
import random
import sys

DIR, SIZE = sys.argv[1], int(sys.argv[2])
R = random.Random(15)


def word(cap=False):
    w = "".join(R.choice("bcdfghklmnprstvz") + R.choice("aeiou")
                for _ in range(R.randint(1, 4)))
    return w.capitalize() if cap else w


def prose(size):
    out, n = [], 0
    while n < size:
        s = " ".join(word() for _ in range(12)).capitalize() + "."
        if len(out) % 8 == 7:
            s += "\n\n"
        out.append(s)
        n += len(s) + 1
    return " ".join(out)


def repeat(unit, size):
    return unit * max(1, size // len(unit.encode()))


def write(name, text):
    with open(os.path.join(DIR, name), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    os.makedirs(DIR, exist_ok=True)
    title = "A title line\n\n"
    write("prose.txt", title + prose(SIZE))
    caps, n = [], 0
    while n < SIZE:
        w = word(True)
        caps.append(w)
        n += len(w) + 1
    write("capwords.txt", title + " ".join(caps))
    write("straight.txt", title + repeat('"', SIZE))
    write("opening.txt", title + repeat("\u201c", SIZE))
    write("quoteword.txt", title + repeat("\u201cword ", SIZE))
    said, n = [], 0
    while n < SIZE:
        s = "\u201c%s %s %s %s,\u201d said %s %s." % (
            word(), word(), word(), word(), word(True), word(True))
        said.append(s)
        n += len(s.encode()) + 1
    write("quotes.txt", title + " ".join(said))
    write("oneword.txt", title + "a" * SIZE)
    write("newlines.txt", title + "\n" * SIZE)
    write("dates.txt", title + repeat("on 5 May 2024 at 10:30, ", SIZE))
    tail = "<p>" + prose(2000) + "</p></body></html>"
    write("deep.html", "<html><body>" + repeat("<div>", SIZE) + tail)
    write("inline.html", "<html><body><p>" + repeat("<b>", SIZE) + tail)
    write("attribute.html", '<html><body><a href="' + "x" * SIZE + '">x</a>' + tail)
    write("comment.html", "<html><body>" + tail + "<!--" + "x" * SIZE)
    write("lt.html", "<html><body>" + tail + "<" * SIZE)
    half = SIZE // 2
    write("deep.jsonl", '{"text":"a b c.","x":' + "[" * half + "]" * half + "}\n")
    write("escapes.jsonl", '{"text":"' + repeat("\\u00e9", SIZE) + '"}\n')
    write("sameid.jsonl", "".join('{"id":"same","text":"%s %s."}\n' % (word(), i)
                                  for i in range(SIZE // 40)))
    items = "".join(
        "<item><title>T%d</title><link>http://e.test/%d</link>"
        "<description>%s.</description></item>" % (
            i, i, " ".join(word() for _ in range(18)))
        for i in range(SIZE // 200))
    write("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel>'
          "<title>x</title>" + items + "</channel></rss>")


main()
