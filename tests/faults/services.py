"""Private service instances for the failure tests: each on a free loopback port, started and
stopped by the test that needs it (never the shared PostgreSQL or Redis)."""

import shutil
import signal
import socket
import socketserver
import subprocess
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


class PrivateRedis:
    """A redis-server of the test's own (no persistence) on a free port; stop, pause and
    start it again on the same port."""

    def __init__(self, workdir):
        self.port = free_port()
        self.workdir = workdir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        if not wait_for_port(self.port):
            self.stop()
            raise RuntimeError("the private redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)  # a paused server must be able to exit
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def pause(self):
        """Redis hangs: connections are accepted by the kernel, nothing answers."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)
