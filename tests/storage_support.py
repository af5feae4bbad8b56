"""Object storage for tests: a real S3 API server (moto's) on loopback, started once per test
module, and a fixture that switches the media and private storages to two fresh buckets.

What moto proves and does not: the S3 API calls (put, get, head, list, bucket policy, object
ACLs, presigned URLs' form) as boto3 makes them. It does not check a presigned URL's
signature or its expiry, nor real S3's consistency, IAM users and policies beyond a bucket
policy, or a CDN in front (see docs/operations.md, "Object storage")."""

import json
import uuid
from dataclasses import dataclass
from urllib.request import ProxyHandler, build_opener

import pytest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import empty

KEYS = {"S3_ACCESS_KEY_ID": "test-key", "S3_SECRET_ACCESS_KEY": "test-secret", "S3_REGION": "us-east-1"}


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    """Django resets its own storages when STORAGES changes; these two keep an instance."""
    if setting == "STORAGES":
        from sorl.thumbnail import default as sorl_default

        from catalogue.storage import private_storage

        sorl_default.storage._wrapped = empty
        private_storage()._wrapped = empty


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server on a free loopback port for this module; its URL."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Buckets:
    s3: object  # a boto3 S3 client
    media: str
    private: str
    endpoint: str

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        listing = self.s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))


def fetch(url: str) -> tuple[int, bytes]:
    """GET a URL straight (no proxy), as a browser would; status and body."""
    from urllib.error import HTTPError

    try:
        with build_opener(ProxyHandler({})).open(url, timeout=10) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def object_storage(s3_server, settings, monkeypatch) -> Buckets:
    """MEDIA_STORAGE=s3 with a public-read media bucket and a private one, made afresh."""
    import boto3

    from config.object_storage import media_origin, s3_storages

    suffix = uuid.uuid4().hex[:8]
    env = {**KEYS, "S3_ENDPOINT_URL": s3_server, "S3_BUCKET": f"ocop-media-{suffix}",
           "S3_PRIVATE_BUCKET": f"ocop-scans-{suffix}"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1",
                      aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"], aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"])
    buckets = Buckets(s3=s3, media=env["S3_BUCKET"], private=env["S3_PRIVATE_BUCKET"], endpoint=s3_server)
    s3.create_bucket(Bucket=buckets.media)
    s3.create_bucket(Bucket=buckets.private)
    # What an operator sets on the media bucket (docs/operations.md): anyone may read.
    s3.put_bucket_policy(Bucket=buckets.media, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{buckets.media}/*"}]}))
    settings.MEDIA_STORAGE = "s3"
    settings.STORAGES = {**settings.STORAGES, **s3_storages()}
    assert media_origin() == s3_server
    yield buckets
