"""Object storage settings (``MEDIA_STORAGE=s3``): django-storages' S3 backend for any
S3-compatible service, read from the environment by config/settings.py.

Media (product images, Wagtail images and documents, thumbnails) go to ``S3_BUCKET``, whose
objects the public reads straight from the bucket, or from ``S3_PUBLIC_URL`` (a CDN or nginx
in front); the bucket needs a public-read policy for that. Certificate scans go to
``S3_PRIVATE_BUCKET``, private, and leave it only as signed URLs that expire after
``S3_SIGNED_URL_SECONDS``, handed out by permission-checked views (catalogue/storage.py).
"""

from urllib.parse import urlsplit

from config.env import env_int, env_required, env_str


def _common() -> dict:
    endpoint = env_str("S3_ENDPOINT_URL") or None
    return {
        "endpoint_url": endpoint,
        "region_name": env_str("S3_REGION", "us-east-1"),
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        # Self-hosted services (MinIO, Garage, Ceph) answer on one host name: path-style.
        "addressing_style": "path" if endpoint else None,
        "signature_version": "s3v4",
        "file_overwrite": False,  # a generated name is never silently replaced
    }


def s3_storages() -> dict:
    """The ``default`` (media) and ``private`` (certificate scans) entries of STORAGES."""
    public = urlsplit(env_str("S3_PUBLIC_URL"))
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            **_common(),
            "bucket_name": env_required("S3_BUCKET", "when MEDIA_STORAGE=s3"),
            "querystring_auth": False,
            "custom_domain": (public.netloc + public.path.rstrip("/")) or None,
            "url_protocol": f"{public.scheme or 'https'}:",
        }},
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            **_common(),
            "bucket_name": env_required("S3_PRIVATE_BUCKET", "when MEDIA_STORAGE=s3"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("S3_SIGNED_URL_SECONDS", 300),
        }},
    }


def media_origin() -> str:
    """The origin media URLs point to, for the Content Security Policy's img-src."""
    where = urlsplit(env_str("S3_PUBLIC_URL") or env_str("S3_ENDPOINT_URL"))
    if where.netloc:
        return f"{where.scheme}://{where.netloc}"
    return "https://*.amazonaws.com"
