"""Private service instances for the failure tests: each on a free loopback port, started and
stopped by the test that needs it (never the shared PostgreSQL or Redis)."""

import socket
import socketserver
import threading
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        server = self.server
        self.reply("220 127.0.0.1 test SMTP")
        envelope = {"to": []}
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "QUIT":
                self.reply("221 bye")
                return
            if server.reject and verb in ("MAIL", "RCPT", "DATA"):
                self.reply("554 5.7.1 rejected for the test")
            elif verb in ("EHLO", "HELO"):
                self.reply("250 127.0.0.1")
            elif verb == "MAIL":
                envelope = {"from": command[10:].strip("<> "), "to": []}
                self.reply("250 ok")
            elif verb == "RCPT":
                envelope["to"].append(command[8:].strip("<> "))
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk)
                server.messages.append({**envelope, "data": b"".join(data)})
                self.reply("250 queued")
            else:  # RSET, NOOP
                self.reply("250 ok")


class SMTPServer(socketserver.ThreadingTCPServer):
    """A real SMTP server on 127.0.0.1:port that keeps what it received in ``messages``;
    ``reject=True`` refuses every mail with 554."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port, reject=False):
        super().__init__(("127.0.0.1", port), _SMTPHandler)
        self.messages = []
        self.reject = reject
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
