"""The production topology on loopback, for make prod-check and benchmarks/load.py.

nginx (deploy/nginx/ocop.conf.template, self-signed TLS) in front of TWO gunicorn instances
(two "machines", each with its own metrics folder), the task worker, Redis, osmem-server as
the search engine, an S3 API server (moto) for media, and a fresh database on the running
PostgreSQL. Every port is free when chosen, every file is in one temporary folder, every
process is started in its own session and stopped by its process group at the end, even
after a failure or Ctrl-C.
"""

import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "nginx"))
from render import render  # noqa: E402  (deploy/ is scripts, not a package)

PYTHON = sys.executable
BIN = Path(PYTHON).parent


class TopologyError(Exception):
    """A part of the topology did not start."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, *, what: str, seconds: float = 60.0, process: subprocess.Popen | None = None) -> None:
    """Polls ``check()`` until it is true; fails early when ``process`` has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise TopologyError(f"{what}: exited with {process.returncode}")
        try:
            if check():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.25)
    raise TopologyError(f"{what}: not ready after {seconds:.0f} s")


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Service:
    name: str
    process: subprocess.Popen
    port: int | None
    log: Path


@dataclass
class Topology:
    """Start with ``with Topology(...) as topology:``; ``topology.url`` is nginx's HTTPS base."""

    media: str = "s3"  # "s3" (the contract: moto behind nginx) or "local" (nginx reads MEDIA_ROOT)
    worker_class: str = "gthread"
    workers: int = 2
    threads: int = 4
    admin_url: str = "postgres://postgres@127.0.0.1:5432/postgres"
    keep: bool = False  # leave the folder (logs) behind
    log: callable = print
    folder: Path = field(init=False)
    services: dict[str, Service] = field(default_factory=dict, init=False)
    database: str = field(init=False)
    ports: dict[str, int] = field(default_factory=dict, init=False)
    _osmem: object = field(default=None, init=False)

    # -- public ----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"https://localhost:{self.ports['https']}"

    @property
    def database_url(self) -> str:
        return self.database_url_for(self.database)

    @property
    def certificate(self) -> str:
        return str(self.folder / "tls" / "cert.pem")

    def __enter__(self) -> "Topology":
        self.folder = Path(tempfile.mkdtemp(prefix="ocop-prod-check-"))
        self.folder.chmod(0o755)  # nginx's workers read static files under it
        self.database = f"ocop_prodcheck_{uuid.uuid4().hex[:8]}"
        self.ports = {name: free_port() for name in ("https", "http", "redis", "s3", "web1", "web2")}
        atexit.register(self.stop)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda *_: sys.exit(1))
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def env(self, **extra: str) -> dict[str, str]:
        """The shop's environment, as /etc/ocop/ocop.env would hold it on a real machine."""
        base = {key: value for key, value in os.environ.items()
                if key in ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "USER")}
        return {**base, **self._settings, **extra}

    def manage(self, *args: str, timeout: float = 900) -> str:
        result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True,
                                text=True, timeout=timeout)
        if result.returncode != 0:
            raise TopologyError(f"manage.py {' '.join(args)}: exit {result.returncode}\n{result.stderr[-3000:]}")
        return result.stdout

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kills a service's whole process group (gunicorn's master and its workers)."""
        service = self.services.pop(name)
        try:
            os.killpg(service.process.pid, sig)
        except ProcessLookupError:
            pass
        service.process.wait(timeout=30)

    def start_redis(self) -> None:
        self._spawn("redis", ["redis-server", "--port", str(self.ports["redis"]), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--dir", str(self.folder)], port=self.ports["redis"])

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(query, params).fetchall()

    # -- start -------------------------------------------------------------------------------
    def start(self) -> None:
        self._tls()
        self._create_database()
        self.start_redis()
        self._start_search()
        if self.media == "s3":
            self._start_object_store()
        self._settings = self._shop_settings()
        started = time.monotonic()
        self.log("migrate, seed_demo, search_index --rebuild, collectstatic ...")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("seed_demo", "--password", self.password)
        self.manage("search_index", "--rebuild")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.log(f"  prepared in {time.monotonic() - started:.0f} s")
        for name in ("web1", "web2"):
            self.start_web(name)
        self._spawn("worker", [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"], cwd=ROOT,
                    env=self.env())
        self._start_nginx()

    def start_web(self, name: str) -> None:
        metrics = self.folder / f"metrics-{name}"
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir()
        self._spawn(name, [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py"), "config.wsgi"],
                    cwd=ROOT, port=self.ports[name], seconds=120, env=self.env(
                        GUNICORN_BIND=f"127.0.0.1:{self.ports[name]}", GUNICORN_WORKER_CLASS=self.worker_class,
                        WEB_CONCURRENCY=str(self.workers), GUNICORN_THREADS=str(self.threads),
                        PROMETHEUS_MULTIPROC_DIR=str(metrics)))

    def _spawn(self, name: str, command: list[str], *, port: int | None = None, seconds: float = 60,
               **options) -> Service:
        log = self.folder / f"{name}.log"
        with log.open("ab") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True, **options)
        service = self.services[name] = Service(name, process, port, log)
        if port:
            wait_for(lambda: _listening(port), what=name, seconds=seconds, process=process)
        return service

    def _tls(self) -> None:
        folder = self.folder / "tls"
        folder.mkdir()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                       check=True, capture_output=True)

    def database_url_for(self, name: str) -> str:
        """The URL of another database on the same server (a restore's target)."""
        return urlunsplit(urlsplit(self.admin_url)._replace(path=f"/{name}"))

    def _create_database(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database)))

    def _start_search(self) -> None:
        from osmem_server import OsmemServer

        self._osmem = OsmemServer.start(japanese=False)
        self.ports["search"] = int(urlsplit(self._osmem.url).port)

    def _start_object_store(self) -> None:
        self._spawn("s3", [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])],
                    port=self.ports["s3"], env={**os.environ, "MOTO_PORT": str(self.ports["s3"])})
        import boto3

        client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{self.ports['s3']}", region_name="us-east-1",
                              aws_access_key_id="prodcheck", aws_secret_access_key="prodcheck")
        for bucket in ("ocop-media", "ocop-private"):
            client.create_bucket(Bucket=bucket)
        # As docs/operations.md tells an operator: anyone may read the media bucket's objects
        # (nginx proxies /media/ to it without credentials); the private bucket stays closed.
        client.put_bucket_policy(Bucket="ocop-media", Policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::ocop-media/*"}],
        }))

    @property
    def password(self) -> str:
        return "prod-check-2026"

    def _shop_settings(self) -> dict[str, str]:
        https = f"https://localhost:{self.ports['https']}"
        settings = {
            "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SITE_URL": https, "CSRF_TRUSTED_ORIGINS": https, "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": self.database_url, "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "SEARCH_BACKEND": "elasticsearch", "SEARCH_ENGINE": "opensearch", "ELASTICSEARCH_URL": self._osmem.url,
            "ELASTICSEARCH_INDEX": "ocop-products",
            "STATIC_ROOT": str(self.folder / "static"), "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.folder / "private-media"),
            "MEDIA_STORAGE": self.media, "LOG_FORMAT": "json",
            # Every shopper of the check and the benchmark comes from 127.0.0.1.
            "PLACEMENTS_PER_CLIENT_PER_HOUR": "1000000", "UNPAID_ORDERS_PER_PHONE": "1000000",
            "GRAPHQL_ANONYMOUS_COST_PER_MINUTE": "100000000", "GRAPHQL_USER_COST_PER_MINUTE": "100000000",
        }
        if self.media == "s3":
            settings.update({
                "S3_BUCKET": "ocop-media", "S3_PRIVATE_BUCKET": "ocop-private",
                "S3_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['s3']}", "S3_REGION": "us-east-1",
                "S3_ACCESS_KEY_ID": "prodcheck", "S3_SECRET_ACCESS_KEY": "prodcheck",
                "S3_PUBLIC_URL": f"{https}/media/",
            })
        return settings

    def _start_nginx(self) -> None:
        folder = self.folder / "nginx"
        folder.mkdir()
        site = render(
            server_name="localhost", tls_cert=self.certificate, tls_key=str(self.folder / "tls" / "key.pem"),
            upstreams=[f"127.0.0.1:{self.ports['web1']}", f"127.0.0.1:{self.ports['web2']}"],
            static_root=str(self.folder / "static"), media=self.media, media_root=str(self.folder / "media"),
            s3_media_origin=f"http://127.0.0.1:{self.ports['s3']}/ocop-media/",
            https_port=self.ports["https"], http_port=self.ports["http"], access_log=str(folder / "access.log"))
        (folder / "ocop.conf").write_text(site)
        user = "user root root;\n" if os.geteuid() == 0 else ""  # a root master would drop to nobody
        temp = " ".join(f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (folder / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{\n include /etc/nginx/mime.types;\n default_type application/octet-stream;\n"
            f" sendfile on;\n {temp}\n include {folder}/ocop.conf;\n}}\n")
        self._spawn("nginx", ["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log"),
                              "-g", "daemon off;"], port=self.ports["https"])

    # -- stop --------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stops everything this topology started, by process group; drops its database."""
        for name in list(self.services)[::-1]:
            self._stop_one(self.services.pop(name))
        if self._osmem is not None:
            self._osmem.close()
            self._osmem = None
        if getattr(self, "database", None):
            self._drop_databases()
        if getattr(self, "folder", None) and self.folder.exists() and not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def _stop_one(service: Service) -> None:
        for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(service.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                service.process.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue

    def _drop_databases(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            names = [row[0] for row in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{self.database}%"]).fetchall()]
            for name in names:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        self.database = ""
