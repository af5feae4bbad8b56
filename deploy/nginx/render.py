"""Renders deploy/nginx/ocop.conf.template into an nginx site file (stdout).

    python3 deploy/nginx/render.py --server-name shop.example.vn --tls-cert C --tls-key K \
        --upstream 127.0.0.1:8000 [--upstream 10.0.0.2:8000] --static-root /srv/ocop/staticfiles \
        --media local --media-root /srv/ocop/media            # or: --media s3 --s3-media-origin URL

Only ``${UPPER_CASE}`` placeholders are ours; nginx's own ``$variables`` pass through. A
placeholder left without a value is an error, never an empty line in a live config.
make prod-check renders the same template with :func:`render`.
"""

import argparse
import re
import sys
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent


class NginxTemplate(Template):
    """``${NAME}`` with an upper-case name only: ``$host`` and friends are nginx's."""

    pattern = r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Z][A-Z0-9_]*)\}|(?P<named>(?!))|(?P<invalid>(?!)))"


def _fill(name: str, values: dict) -> str:
    return NginxTemplate((HERE / name).read_text()).substitute(values)


def render(*, server_name: str, tls_cert: str, tls_key: str, upstreams: list[str], static_root: str,
           media: str, media_root: str = "", s3_media_origin: str = "", https_port: int = 443,
           http_port: int = 80, access_log: str = "/var/log/nginx/ocop.access.log",
           max_body_size: str = "12m") -> str:
    """The site file's text. ``upstreams`` are host:port of the web processes (one per
    machine); ``media`` is ``local`` (nginx reads MEDIA_ROOT) or ``s3`` (proxied to the
    public bucket's URL)."""
    if media == "local" and not media_root or media == "s3" and not s3_media_origin:
        raise ValueError(f"--media {media} needs {'--media-root' if media == 'local' else '--s3-media-origin'}")
    if media not in ("local", "s3"):
        raise ValueError(f"--media must be local or s3, not {media!r}")
    origin = s3_media_origin if s3_media_origin.endswith("/") else f"{s3_media_origin}/"
    location = _fill(f"media-{media}.conf.template", {"MEDIA_ROOT": media_root.rstrip("/"), "S3_MEDIA_ORIGIN": origin})
    servers = "\n".join(f"    server {address} max_fails=1 fail_timeout=10s;" for address in upstreams)
    return _fill("ocop.conf.template", {
        "SERVER_NAME": server_name, "TLS_CERT": tls_cert, "TLS_KEY": tls_key,
        "UPSTREAM_SERVERS": servers, "STATIC_ROOT": static_root.rstrip("/"), "MEDIA_LOCATION": location.rstrip(),
        "HTTPS_LISTEN": str(https_port), "HTTP_LISTEN": str(http_port),
        "HTTPS_PORT_SUFFIX": "" if https_port == 443 else f":{https_port}",
        "ACCESS_LOG": access_log, "MAX_BODY_SIZE": max_body_size,
    })


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", required=True)
    parser.add_argument("--tls-cert", required=True)
    parser.add_argument("--tls-key", required=True)
    parser.add_argument("--upstream", action="append", required=True, help="host:port, once per web machine")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media", choices=("local", "s3"), default="local")
    parser.add_argument("--media-root", default="")
    parser.add_argument("--s3-media-origin", default="", help="the public bucket's URL, e.g. https://s3.example.vn/ocop-media/")
    parser.add_argument("--max-body-size", default="12m")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[A-Za-z0-9.\- ]+", args.server_name):
        parser.error("--server-name: host names separated by spaces")
    try:
        sys.stdout.write(render(
            server_name=args.server_name, tls_cert=args.tls_cert, tls_key=args.tls_key,
            upstreams=args.upstream, static_root=args.static_root, media=args.media,
            media_root=args.media_root, s3_media_origin=args.s3_media_origin,
            max_body_size=args.max_body_size))
    except ValueError as exc:
        parser.error(str(exc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
