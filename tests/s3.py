"""An S3-compatible object store for the tests: moto's S3 server, started once per test
process on 127.0.0.1 on a free port, a real HTTP server that boto3 and django-storages talk
to as they would to MinIO or a cloud's store.

The ``s3`` fixture gives a test its own private bucket and points Django's default storage
at it (lms.storage's settings, as production builds them from S3_*). With ``LMS_TEST_S3=1``
every test of the run gets it, so the suites that upload or generate files run again against
the object store (.ci/run does this for the file suites).
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from lms import storage

S3_RUN = os.environ.get("LMS_TEST_S3", "").strip() not in ("", "0")


@dataclass
class Bucket:
    endpoint: str
    name: str
    client: object  # a boto3 S3 client with the test credentials

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def object_url(self, key: str) -> str:
        """The object's plain (unsigned) address, path-style."""
        return f"{self.endpoint}/{self.name}/{quote(key)}"


@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings):
    """A fresh private bucket for this test, and the default storage on it (files streamed
    by the views; set ``settings.S3_PRESIGN_SECONDS`` for signed-URL redirects)."""
    import boto3

    env = {
        "S3_ENDPOINT_URL": s3_server,
        "S3_BUCKET": f"lms-test-{uuid.uuid4().hex[:16]}",
        "S3_ACCESS_KEY_ID": "lms-test",
        "S3_SECRET_ACCESS_KEY": "lms-test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["S3_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=env["S3_BUCKET"])
    settings.STORAGES = {**settings.STORAGES, "default": storage.s3_storage(env)}
    settings.S3_ENABLED = True
    settings.S3_PRESIGN_SECONDS = 0
    return Bucket(endpoint=s3_server, name=env["S3_BUCKET"], client=client)


@pytest.fixture(autouse=True)
def _object_storage_run(request):
    if S3_RUN:
        request.getfixturevalue("s3")
