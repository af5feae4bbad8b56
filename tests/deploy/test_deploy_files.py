"""deploy/ as an operator uses it: the environment template names every variable the settings
read, the systemd units and timers are valid for Debian's systemd and run commands that
exist, and the nginx site renders into a configuration Debian's nginx accepts."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY / "nginx"))
from render import render  # noqa: E402  (deploy/ is scripts, not a package)

UNITS = sorted((DEPLOY / "systemd").glob("ocop-*.*"))


def _variables_read(path: Path) -> set[str]:
    """Names passed to config.env's readers (env_str("NAME", ...) and friends)."""
    tree = ast.parse(path.read_text())
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.startswith("env_")
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_the_environment_template_names_every_variable_the_settings_read():
    template = (DEPLOY / "ocop.env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, re.MULTILINE))

    read = set().union(*(_variables_read(path) for path in (ROOT / "config").glob("*.py")))

    assert read, "no env_* reads found: the parser no longer matches config/"
    assert read - listed == set()


def test_the_environment_template_holds_no_real_secret():
    template = (DEPLOY / "ocop.env.example").read_text()

    assert re.search(r"^SECRET_KEY=change-me$", template, re.MULTILINE)
    assert not re.search(r"(sk|pk)_live_[A-Za-z0-9]{10,}", template)


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="no systemd-analyze: not a systemd machine")
def test_systemd_units_are_valid_apart_from_the_install_path():
    result = subprocess.run(["systemd-analyze", "verify", *map(str, UNITS)], capture_output=True, text=True)

    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if line.strip() and "/srv/ocop/.venv/bin/" not in line]  # not installed on this machine
    assert problems == []


def test_every_management_command_the_units_run_exists():
    commands = {m.group(1) for unit in UNITS for m in re.finditer(r"manage\.py (\w+)", unit.read_text())}

    assert commands == {"db_worker", "ocop_daily", "expire_unpaid_orders"}
    assert commands <= set(get_commands())


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="no systemd-analyze: not a systemd machine")
@pytest.mark.parametrize(("timer", "times_utc"), [
    pytest.param("ocop-daily.timer", ["17:05:00", "17:05:00"], id="daily-0005-vietnam"),
    pytest.param("ocop-expire-orders.timer", None, id="every-15-minutes"),
])
def test_timers_fire_when_the_operations_guide_says(timer, times_utc):
    calendar = re.search(r"^OnCalendar=(.+)$", (DEPLOY / "systemd" / timer).read_text(), re.MULTILINE).group(1)

    result = subprocess.run(["systemd-analyze", "calendar", "--iterations=3", calendar],
                            capture_output=True, text=True, env={"TZ": "UTC", "PATH": "/usr/bin:/bin"})

    elapses = re.findall(r"(\d\d):(\d\d):(\d\d) UTC", result.stdout)
    assert len(elapses) == 3, result.stdout + result.stderr
    if times_utc:  # 00:05 in Vietnam (UTC+7) is 17:05 UTC
        assert [":".join(e) for e in elapses[:2]] == times_utc
    else:
        minutes = [int(h) * 60 + int(m) for h, m, _ in elapses]
        assert [(b - a) % 1440 for a, b in zip(minutes, minutes[1:])] == [15, 15]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True)
    return folder


def _nginx_accepts(site: str, folder: Path) -> subprocess.CompletedProcess:
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid; error_log {folder}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;"
        f" fastcgi_temp_path {folder}/fcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;"
        f" include {folder}/site.conf; }}\n")
    return subprocess.run(["nginx", "-t", "-q", "-p", str(folder), "-c", str(folder / "nginx.conf")],
                          capture_output=True, text=True)


@pytest.mark.skipif(not shutil.which("nginx"), reason="no nginx here: apt-get install nginx")
@pytest.mark.parametrize("media", ["local", "s3"])
def test_the_nginx_site_renders_into_a_configuration_nginx_accepts(certificate, tmp_path, media):
    site = render(server_name="shop.example.vn", tls_cert=str(certificate / "cert.pem"),
                  tls_key=str(certificate / "key.pem"), upstreams=["127.0.0.1:8001", "127.0.0.1:8002"],
                  static_root="/srv/ocop/staticfiles", media=media, media_root="/srv/ocop/media",
                  s3_media_origin="http://127.0.0.1:9000/ocop-media", https_port=18443, http_port=18080,
                  access_log=str(tmp_path / "access.log"))

    result = _nginx_accepts(site, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "${" not in site
    assert "location = /metrics { return 404; }" in site
    assert "proxy_set_header X-Request-ID $request_id;" in site
    assert site.count("max_fails=1") == 2


def test_a_site_without_its_media_source_is_refused():
    with pytest.raises(ValueError, match="--media s3 needs --s3-media-origin"):
        render(server_name="shop.example.vn", tls_cert="c", tls_key="k", upstreams=["127.0.0.1:8000"],
               static_root="/srv/ocop/staticfiles", media="s3")


def test_the_renderer_refuses_a_server_name_that_would_inject_directives():
    result = subprocess.run([sys.executable, str(DEPLOY / "nginx" / "render.py"),
                             "--server-name", "x; include /etc/passwd", "--tls-cert", "c", "--tls-key", "k",
                             "--upstream", "127.0.0.1:8000", "--static-root", "/s", "--media-root", "/m"],
                            capture_output=True, text=True)

    assert result.returncode == 2
    assert "--server-name" in result.stderr
    assert result.stdout == ""
