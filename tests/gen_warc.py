#!/usr/bin/python3
"""gen_warc.py: a small WARC made from plain-text articles, for the CLI tests.

Usage: gen_warc.py OUT (plain|members|stream) [--copies N] FILE...

Each text file becomes an HTML page (its first line the <title>, its
paragraphs <p>s) served as an HTTP response at
https://news.example/<file's base name>, preceded by its request record
and followed by an image response; a warcinfo record opens the file.
"plain" writes the records as they are, "members" one gzip member per
record (as CC-NEWS does), "stream" the whole file as one gzip stream. Every
other page's body is gzip-encoded and every third is sent chunked, so the
decoding paths are taken. With --copies N every file is served N times,
at URIs ending in ?copy=0 ... ?copy=N-1 (pages enough for an ingest to be
interrupted). Deterministic: fixed dates, record ids and gzip headers
(mtime 0).
"""
import gzip
import html
import os
import sys


def gz(data):
    return gzip.compress(data, mtime=0)


def record(kind, uri, block, n):
    head = ["WARC/1.0", "WARC-Type: " + kind]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += ["WARC-Date: 2024-11-11T10:%02d:00Z" % (n % 60),
             "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>" % n,
             "Content-Length: %d" % len(block), "", ""]
    return "\r\n".join(head).encode() + block + b"\r\n\r\n"


def page(text):
    lines = text.strip().split("\n")
    title, body = lines[0], "\n".join(lines[1:])
    paras = [p.strip() for p in body.split("\n\n") if p.strip()] or [title]
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body>"
            "<article>%s</article></body></html>" % (
                html.escape(title),
                "".join("<p>%s</p>" % html.escape(p) for p in paras))).encode()


def response(body, i):
    headers = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8"]
    if i % 2:
        body = gz(body)
        headers.append("Content-Encoding: gzip")
    if i % 3 == 2:
        headers.append("Transfer-Encoding: chunked")
        body = b"".join(b"%x\r\n%s\r\n" % (len(body[k:k + 100]), body[k:k + 100])
                        for k in range(0, len(body), 100)) + b"0\r\n\r\n"
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def main():
    out, how, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    copies = None
    if files[:1] == ["--copies"]:
        copies, files = int(files[1]), files[2:]
    served = [(f, None) for f in files] if copies is None else \
        [(f, c) for c in range(copies) for f in files]
    recs = [record("warcinfo", None, b"software: gen_warc.py\r\n", 0)]
    n = 1
    for i, (path, copy) in enumerate(served):
        name = os.path.splitext(os.path.basename(path))[0]
        uri = "https://news.example/" + name
        if copy is not None:
            uri += "?copy=%d" % copy
        with open(path, encoding="utf-8") as f:
            text = f.read()
        recs.append(record("request", uri, b"GET /" + name.encode() +
                           b" HTTP/1.1\r\nHost: news.example\r\n\r\n", n))
        recs.append(record("response", uri, response(page(text), i), n + 1))
        recs.append(record("response", uri + ".png",
                           b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n"
                           b"\x89PNG\r\n\x1a\n\x00\x00", n + 2))
        n += 3
    if how == "plain":
        data = b"".join(recs)
    elif how == "members":
        data = b"".join(gz(r) for r in recs)
    else:
        data = gz(b"".join(recs))
    with open(out, "wb") as f:
        f.write(data)


main()
