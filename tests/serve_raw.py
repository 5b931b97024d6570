"""serve_raw.py: raw-socket clients for tests/serve_test.sh, for what curl
cannot send: a request with 10,000 headers, malformed HTTP, a slow client
that sends part of a request and then nothing (slowloris), a body streamed
past the cap with a declared length. Each prints what came back: the
status code of the response, or "closed" when the server closed the
connection without one.

usage: serve_raw.py PORT headers N | malformed WHICH | slow SECONDS COUNT |
       bigbody BYTES TOKEN
"""
import socket
import sys
import time


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    return s


def status_of(s):
    """The status code of the response on s, or "closed"."""
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, BrokenPipeError, socket.timeout):
        pass
    line = data.split(b"\r\n", 1)[0].split()
    if len(line) >= 2 and line[0].startswith(b"HTTP/"):
        return line[1].decode()
    return "closed"


def send_all(s, data):
    try:
        s.sendall(data)
    except (ConnectionResetError, BrokenPipeError):
        pass


def main():
    port = int(sys.argv[1])
    what = sys.argv[2]
    if what == "headers":
        n = int(sys.argv[3])
        s = connect(port)
        req = b"GET /api/stories HTTP/1.1\r\nHost: x\r\n"
        req += b"".join(b"X-Filler-%d: %d\r\n" % (i, i) for i in range(n))
        send_all(s, req + b"\r\n")
        print(status_of(s))
    elif what == "malformed":
        which = sys.argv[3]
        requests = {
            "garbage": b"GARBAGE\r\n\r\n",
            "badmethod": b"G@T /api/stories HTTP/1.1\r\nHost: x\r\n\r\n",
            "nohost": b"GET /api/stories HTTP/1.1\r\n\r\n",
            "version": b"GET /api/stories HTTP/7.3\r\nHost: x\r\n\r\n",
            "badheader": b"GET /api/stories HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
            "badlength": b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n",
        }
        s = connect(port)
        send_all(s, requests[which])
        print(status_of(s))
    elif what == "slow":
        seconds, count = float(sys.argv[3]), int(sys.argv[4])
        socks = []
        for _ in range(count):
            s = connect(port)
            send_all(s, b"GET /api/stories HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        # then nothing: the server must close each of them by its timeout
        deadline = time.time() + seconds
        closed = 0
        for s in socks:
            s.settimeout(max(0.1, deadline - time.time()))
            try:
                data = s.recv(4096)
                closed += 1  # b"" (closed) or a timeout answer
            except socket.timeout:
                pass
            except ConnectionResetError:
                closed += 1
        print("closed %d of %d" % (closed, count))
    elif what == "bigbody":
        n, token = int(sys.argv[3]), sys.argv[4].encode()
        s = connect(port)
        send_all(s, b"POST /api/articles HTTP/1.1\r\nHost: x\r\n"
                 b"Authorization: Bearer " + token + b"\r\n"
                 b"Content-Length: %d\r\nContent-Type: application/json\r\n\r\n" % n)
        # the answer comes before the body is sent
        print(status_of(s))
    else:
        sys.exit("unknown test " + what)


main()
