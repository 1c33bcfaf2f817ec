"""A runnable copy of deploy/nginx/bildung.conf for tests and benchmarks.

The production file is the one source of the front cache's configuration; this renders it
with local paths and free loopback ports, without TLS and the port-80 redirect (lines marked
`production-only`), wrapped in a main nginx.conf that loads the purge module and keeps
everything (pid, temp files, cache, logs) in one directory, so no root is needed:

    with running_nginx(workdir, upstream="127.0.0.1:8000", static_root=…) as nginx:
        nginx.url  # http://127.0.0.1:<port>
        nginx.purge_url  # FRONTEND_CACHE_PURGE_URL for the application

`python deploy/render_nginx.py WORKDIR --upstream 127.0.0.1:8000` writes WORKDIR/nginx.conf
and prints the command that runs it."""

import argparse
import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PRODUCTION_CONF = Path(__file__).resolve().parent / "nginx" / "bildung.conf"
PURGE_MODULE_PATHS = (
    Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"),
    Path("/usr/share/nginx/modules/ngx_http_cache_purge_module.so"),
)
# production values in bildung.conf and what stands for them in the runnable copy
PRODUCTION_VALUES = {
    "cache_dir": "/var/cache/nginx/bildung",
    "upstream": "unix:/run/bildung/gunicorn.sock",
    "static_root": "/srv/bildung/static/",
    "media_root": "/srv/bildung/media/",
    "port": "listen 443 ssl http2;",
    "purge_port": "listen 127.0.0.1:8081;",
}


def nginx_binary():
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


def purge_module():
    return next((path for path in PURGE_MODULE_PATHS if path.exists()), None)


def missing_parts():
    """Why the front cache cannot run here (empty when it can)."""
    missing = []
    if nginx_binary() is None:
        missing.append("nginx fehlt (apt-get install nginx)")
    if purge_module() is None:
        missing.append("Purge-Modul fehlt (apt-get install libnginx-mod-http-cache-purge)")
    return missing


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render_site(*, upstream, static_root, media_root, cache_dir, port, purge_port):
    """bildung.conf with local values, without its production-only lines."""
    text = PRODUCTION_CONF.read_text()
    local = {
        "cache_dir": str(cache_dir),
        "upstream": upstream,
        "static_root": f"{str(static_root).rstrip('/')}/",
        "media_root": f"{str(media_root).rstrip('/')}/",
        "port": f"listen 127.0.0.1:{port};",
        "purge_port": f"listen 127.0.0.1:{purge_port};",
    }
    for name, production in PRODUCTION_VALUES.items():
        if production not in text:
            raise ValueError(f"{PRODUCTION_CONF} has no {production!r} ({name}) any more")
        text = text.replace(production, local[name])
    lines, skipping = [], False
    for line in text.splitlines():
        if "# production-only: begin" in line:
            skipping = True
        elif "# production-only: end" in line:
            skipping = False
        elif not skipping and "# production-only" not in line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def render_main(workdir, site, *, extra="", workers=1, access_log=False):
    """The main nginx.conf around `site` (http context), everything inside `workdir`."""
    workdir = Path(workdir)
    temp = workdir / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers keep access to our files
    temp_paths = "".join(
        f"    {kind}_temp_path {temp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    log = f"access_log {workdir / 'access.log'};" if access_log else "access_log off;"
    return (
        f"load_module {purge_module()};\n"
        f"{user}"
        f"worker_processes {workers};\n"
        "daemon off;\n"
        f"pid {workdir / 'nginx.pid'};\n"
        f"error_log {workdir / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        "    sendfile on;\n"
        "    tcp_nopush on;\n"
        "    keepalive_timeout 65;\n"
        "    keepalive_requests 100000;\n"
        f"    {log}\n"
        f"{temp_paths}"
        f"{site}\n{extra}\n"
        "}\n"
    )


@dataclass
class RunningNginx:
    port: int
    purge_port: int
    workdir: Path
    process: subprocess.Popen

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.purge_port}"

    def error_log(self):
        path = self.workdir / "error.log"
        return path.read_text() if path.exists() else ""


def wait_for_port(port, process, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


def write_config(workdir, *, upstream, static_root, media_root, extra="", workers=1):
    """Render into `workdir`; returns (nginx.conf path, port, purge port)."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    port, purge_port = free_port(), free_port()
    site = render_site(
        upstream=upstream,
        static_root=static_root,
        media_root=media_root,
        cache_dir=workdir / "cache",
        port=port,
        purge_port=purge_port,
    )
    conf = workdir / "nginx.conf"
    conf.write_text(render_main(workdir, site, extra=extra, workers=workers))
    return conf, port, purge_port


def command(workdir, conf):
    return [nginx_binary(), "-p", str(workdir), "-c", str(conf), "-e", str(workdir / "error.log")]


@contextmanager
def running_nginx(workdir, *, upstream, static_root, media_root, extra="", workers=1):
    """nginx with the rendered configuration, stopped on exit."""
    workdir = Path(workdir)
    conf, port, purge_port = write_config(
        workdir,
        upstream=upstream,
        static_root=static_root,
        media_root=media_root,
        extra=extra,
        workers=workers,
    )
    test = subprocess.run(  # noqa: S603
        [*command(workdir, conf), "-t", "-q"], capture_output=True, text=True, check=False
    )
    if test.returncode:
        raise RuntimeError(f"nginx -t failed:\n{test.stderr}\n{conf.read_text()}")
    with (workdir / "stderr.log").open("w") as stderr:
        process = subprocess.Popen(command(workdir, conf), stderr=stderr)  # noqa: S603
    try:
        if not wait_for_port(port, process):
            raise RuntimeError(f"nginx did not start: {(workdir / 'error.log').read_text()}")
        yield RunningNginx(port, purge_port, workdir, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--upstream", default="127.0.0.1:8000")
    parser.add_argument("--static-root", default="static_collected")
    parser.add_argument("--media-root", default="media")
    args = parser.parse_args()
    conf, port, purge_port = write_config(
        args.workdir.resolve(),
        upstream=args.upstream,
        static_root=Path(args.static_root).resolve(),
        media_root=Path(args.media_root).resolve(),
    )
    print(f"site on http://127.0.0.1:{port}, purge on http://127.0.0.1:{purge_port}")
    print(" ".join(command(args.workdir.resolve(), conf)))


if __name__ == "__main__":
    main()
