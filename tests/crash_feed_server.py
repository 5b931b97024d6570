#!/usr/bin/python3
"""crash_feed_server.py PORT_FILE CORPUS.jsonl: the feed tests/crash_test.sh
points `newsgraph watch` at while it kills it. Listens on 127.0.0.1 only,
on a free port it writes to PORT_FILE once it listens, and serves

    /robots.txt   everything allowed
    /feed.xml     one RSS feed with an item per line of CORPUS (its title,
                  /p<N>.html as link, its published date as pubDate)
    /p<N>.html    the N-th article (from 1) as an HTML page, one <p> per
                  paragraph of its text

Every answer is the same on every request, so a watch killed and run again
can be compared with one uninterrupted run. Runs until killed.
"""
import html
import json
import sys
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT_FILE, CORPUS = sys.argv[1], sys.argv[2]
with open(CORPUS, encoding="utf-8") as f:
    ARTICLES = [json.loads(line) for line in f if line.strip()]


def rfc822(published):
    day = datetime.fromisoformat(published[:19].replace("Z", ""))
    return format_datetime(day.replace(tzinfo=timezone.utc), usegmt=True)


def feed(base):
    out = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
           '<channel><title>crash trials</title><link>%s/</link>' % base]
    for i, a in enumerate(ARTICLES, 1):
        out.append("<item><title>%s</title><link>%s/p%d.html</link>"
                   "<guid>%s/p%d.html</guid>%s</item>" % (
                       html.escape(a.get("title") or "item %d" % i), base, i,
                       base, i,
                       "<pubDate>%s</pubDate>" % rfc822(a["published"])
                       if a.get("published") else ""))
    out.append("</channel></rss>")
    return "".join(out).encode()


def page(a):
    paras = "".join("<p>%s</p>" % html.escape(p)
                    for p in a["text"].split("\n") if p.strip())
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s"
            "</title></head><body><nav>Home | World</nav><article><h1>%s</h1>"
            "%s</article></body></html>" % (
                html.escape(a.get("title") or ""),
                html.escape(a.get("title") or ""), paras)).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        path = self.path
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/feed.xml":
            return self.send(200, feed(base), "application/rss+xml")
        if path.startswith("/p") and path.endswith(".html"):
            try:
                n = int(path[2:-5])
            except ValueError:
                n = 0
            if 1 <= n <= len(ARTICLES):
                return self.send(200, page(ARTICLES[n - 1]),
                                 "text/html; charset=utf-8")
        return self.send(404, b"not here", "text/plain")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(PORT_FILE + ".tmp", "w") as f:
        f.write("%d\n" % server.server_address[1])
    import os
    os.rename(PORT_FILE + ".tmp", PORT_FILE)
    server.serve_forever()


main()
