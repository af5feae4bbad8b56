"""gunicorn's settings for the web processes (ocop-web.service, make prod-check).

Read by ``gunicorn --config deploy/gunicorn.conf.py config.wsgi``. The bind address and the
worker counts come from the environment so one file serves every machine; the worker model
was chosen by measurement (docs/benchmarks.md).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A request longer than this is killed: nginx's proxy_read_timeout is a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (jittered), so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# Our request-id middleware writes the access line (with the id and the duration); gunicorn's
# own errors go to stderr, which systemd's journal keeps.
accesslog = None
errorlog = "-"
proc_name = "ocop-web"
# gunicorn 25+ opens a control socket in $HOME/.gunicorn/ (read-only under the unit's
# ProtectSystem=strict, and shared by two instances on one machine); systemd manages ours.
control_socket_disable = True


def child_exit(server, worker):
    """Prometheus counts per process in PROMETHEUS_MULTIPROC_DIR; a dead worker's live gauges go."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
