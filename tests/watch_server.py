#!/usr/bin/python3
"""watch_server.py: the HTTP server tests/watch_test.sh runs `newsgraph watch`
against. Listens on 127.0.0.1 only, on three free ports, one per host the
test needs (A: news, B: a slow host with a Crawl-delay, C: a host whose
robots.txt fails), writes "A_PORT B_PORT C_PORT" to PORTS_FILE once it
listens, and appends one line per request to LOG_FILE:

    HOST<TAB>PATH<TAB>If-None-Match<TAB>If-Modified-Since<TAB>User-Agent<TAB>TIME

(an absent header is "-"). Runs until killed. Usage:
    watch_server.py PORTS_FILE LOG_FILE
"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTS_FILE, LOG_FILE = sys.argv[1], sys.argv[2]
LOCK = threading.Lock()
HITS = {}
PORTS = {}

FEED_ETAG = '"v1"'
FEED_LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"
ATOM_LAST_MODIFIED = "Tue, 01 Dec 2026 11:00:00 GMT"

RU_TEXT = ("<html><head><meta charset=\"windows-1251\"><title>Новости Москвы</title>"
           "</head><body><p>Москва приняла делегацию из Казани во вторник.</p>"
           "<p>Переговоры продолжатся завтра.</p></body></html>")


def page(title, *paras):
    body = "".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body>"
            "<nav>Home | World</nav>%s</body></html>" % (title, body)).encode()


def base(host):
    return "http://127.0.0.1:%d" % PORTS[host]


def rss(items):
    out = ['<?xml version="1.0"?><rss version="2.0"><channel><title>A news</title>']
    for title, link, date in items:
        out.append("<item><title>%s</title><link>%s</link>%s</item>" % (
            title, link, "<pubDate>%s</pubDate>" % date if date else ""))
    out.append("</channel></rss>")
    return "".join(out).encode()


def feed_a():
    a = base("A")
    return rss([
        ("Alpha one", a + "/a1.html", "Mon, 30 Nov 2026 09:00:00 GMT"),
        ("Moscow news", a + "/ru.html", None),
        ("Secret", a + "/private/secret.html", None),
        ("Missing", a + "/missing.html", None),
        ("Flaky", a + "/flaky.html", None),
        ("Loop", a + "/loop1.html", None),
        ("Big", a + "/big.html", None),
        ("Moved", a + "/moved.html", None),
        ("On C", base("C") + "/c1.html", None),
        ("Alpha one again", a + "/a1.html", None),
    ])


def atom_b():
    b = base("B")
    entries = "".join(
        '<entry><title>%s</title><link rel="alternate" href="%s"/>'
        "<updated>2026-11-30T10:00:00Z</updated></entry>" % (t, b + p)
        for t, p in [("Beta one", "/b1.html"), ("Beta two", "/b2.html"),
                     ("Hangs", "/hang.html")])
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title>%s</feed>'
            % entries).encode()


def feed_k():
    a = base("A")
    return rss([("Kilo one", a + "/k1.html", None),
                ("Kilo two", a + "/k2-slow.html", None)])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def host(self):
        port = self.server.server_address[1]
        return [h for h, p in PORTS.items() if p == port][0]

    def send(self, status, body=b"", ctype="text/html; charset=utf-8",
             headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        host, path = self.host(), self.path
        inm = self.headers.get("If-None-Match", "-")
        ims = self.headers.get("If-Modified-Since", "-")
        ua = self.headers.get("User-Agent", "-")
        with LOCK:
            HITS[(host, path)] = HITS.get((host, path), 0) + 1
            hits = HITS[(host, path)]
            with open(LOG_FILE, "a") as log:
                log.write("%s\t%s\t%s\t%s\t%s\t%.3f\n" % (host, path, inm, ims, ua,
                                                         time.time()))
        getattr(self, "host_" + host)(path, inm, ims, hits)

    def host_A(self, path, inm, ims, hits):
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /private/\n",
                             "text/plain")
        if path == "/feed.xml":
            if inm == FEED_ETAG:
                return self.send(304, headers=[("ETag", FEED_ETAG)])
            return self.send(200, feed_a(), "application/rss+xml",
                             [("ETag", FEED_ETAG),
                              ("Last-Modified", FEED_LAST_MODIFIED)])
        if path == "/k.xml":
            return self.send(200, feed_k(), "application/rss+xml",
                             [("ETag", '"k1"')])
        if path == "/gone.xml":
            return self.send(404, b"no such feed")
        if path == "/notfeed.xml":
            return self.send(200, page("Not a feed", "Just a page."))
        if path == "/a1.html":
            return self.send(200, page(
                "Alpha one", "The harbour authority of Lisbon opened a new "
                "container terminal on Monday.",
                "Officials expect traffic to double within five years."))
        if path == "/a3.html":
            return self.send(200, page(
                "Alpha three", "Farmers in Tuscany reported an early grape "
                "harvest this autumn."))
        if path == "/ru.html":
            return self.send(200, RU_TEXT.encode("cp1251"),
                             "text/html; charset=windows-1251")
        if path == "/private/secret.html":
            return self.send(200, page("Secret", "Nobody should fetch this."))
        if path == "/missing.html":
            return self.send(404, b"not found")
        if path == "/flaky.html":
            if hits == 1:
                return self.send(500, b"try later")
            return self.send(200, page(
                "Flaky", "The observatory recorded a meteor shower over "
                "Patagonia on Tuesday night."))
        if path == "/loop1.html":
            return self.send(302, headers=[("Location", "/loop2.html")])
        if path == "/loop2.html":
            return self.send(302, headers=[("Location", "/loop1.html")])
        if path == "/big.html":
            return self.send(200, page("Big", "word " * 60000))
        if path == "/moved.html":
            return self.send(301, headers=[("Location", "/a3.html")])
        if path == "/k1.html":
            return self.send(200, page("Kilo one", "Engineers in Oslo tested "
                                       "a new tram line on Sunday."))
        if path == "/k2-slow.html":
            time.sleep(4)
            return self.send(200, page("Kilo two", "The library of Alexandria "
                                       "opened a new reading room."))
        return self.send(404, b"not found")

    def host_B(self, path, inm, ims, hits):
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /\n\n"
                             b"User-agent: newsgraph\nCrawl-delay: 1\nAllow: /\n",
                             "text/plain")
        if path == "/atom.xml":
            if ims == ATOM_LAST_MODIFIED:
                return self.send(304)
            return self.send(200, atom_b(), "application/atom+xml",
                             [("Last-Modified", ATOM_LAST_MODIFIED)])
        if path == "/b1.html":
            return self.send(200, page("Beta one", "A ferry between Helsinki "
                                       "and Tallinn ran aground in fog."))
        if path == "/b2.html":
            return self.send(200, page("Beta two", "The orchestra of Vienna "
                                       "announced its winter programme."))
        if path == "/hang.html":
            # headers and a little of the body, then nothing: a timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>Never")
            self.wfile.flush()
            time.sleep(20)
            return
        return self.send(404, b"not found")

    def host_C(self, path, inm, ims, hits):
        if path == "/robots.txt":
            return self.send(503, b"down")
        return self.send(200, page("C", "Should wait for robots.txt."))


def main():
    servers = {}
    for h in "ABC":
        s = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        s.daemon_threads = True
        servers[h] = s
        PORTS[h] = s.server_address[1]
    for s in servers.values():
        threading.Thread(target=s.serve_forever, daemon=True).start()
    with open(PORTS_FILE + ".tmp", "w") as f:
        f.write("%d %d %d\n" % (PORTS["A"], PORTS["B"], PORTS["C"]))
    import os
    os.rename(PORTS_FILE + ".tmp", PORTS_FILE)
    while True:
        time.sleep(3600)


main()
