"""Where uploaded and generated files live: the local disk (``MEDIA_ROOT``) by default, or any
S3-compatible object store (MinIO, Ceph, a cloud's object storage) when the ``S3_*`` variables
are set. Read by the settings, so nothing here imports Django's models or views.

Objects in the bucket are private: none is given an ACL of its own (they take the bucket's,
which must not be public), and every URL the storage makes is signed and expires. Photos,
cards, reports, import files and training scans reach a person only through the platform's
scoped views, which stream them, or with ``S3_PRESIGN_SECONDS`` redirect to a signed URL of
that lifetime once the person's scope has been checked (``lms.downloads.stored_file_response``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REQUIRED = ("S3_ENDPOINT_URL", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY")
# Signed URLs that the platform hands to browsers without a redirect of its own (course images
# and videos uploaded in the content admin) live this long when S3_PRESIGN_SECONDS is not set.
CONTENT_URL_SECONDS = 3600
# A downloaded object larger than this is spooled to a temporary file, not held in memory.
SPOOL_BYTES = 5 * 1024 * 1024


def s3_enabled(environ: Mapping[str, str] = os.environ) -> bool:
    given = [name for name in REQUIRED if environ.get(name, "").strip()]
    if given and len(given) < len(REQUIRED):
        missing = ", ".join(name for name in REQUIRED if name not in given)
        raise ImproperlyConfigured(f"Object storage needs {missing} as well.")
    return bool(given)


def presign_seconds(environ: Mapping[str, str] = os.environ) -> int:
    """S3_PRESIGN_SECONDS: 0 (the default) streams every file through the platform."""
    raw = environ.get("S3_PRESIGN_SECONDS", "").strip() or "0"
    try:
        seconds = int(raw)
    except ValueError:
        raise ImproperlyConfigured("S3_PRESIGN_SECONDS must be a whole number.") from None
    if not 0 <= seconds <= 7 * 24 * 3600:
        raise ImproperlyConfigured("S3_PRESIGN_SECONDS must be between 0 and 604800.")
    return seconds


def s3_storage(environ: Mapping[str, str] = os.environ) -> dict:
    """The ``STORAGES["default"]`` entry for the object store."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "endpoint_url": environ["S3_ENDPOINT_URL"].strip(),
            "bucket_name": environ["S3_BUCKET"].strip(),
            "access_key": environ["S3_ACCESS_KEY_ID"].strip(),
            "secret_key": environ["S3_SECRET_ACCESS_KEY"].strip(),
            "region_name": environ.get("S3_REGION", "").strip() or "us-east-1",
            # Private: no public-read ACL on any object, every URL signed and expiring.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": presign_seconds(environ) or CONTENT_URL_SECONDS,
            # Two uploads of the same name never overwrite each other (as on the local disk).
            "file_overwrite": False,
            "signature_version": "s3v4",
            # bucket in the path: MinIO and most on-premises stores have no per-bucket DNS names.
            "addressing_style": "path",
            "max_memory_size": SPOOL_BYTES,
        },
    }


def endpoint_origin(environ: Mapping[str, str] = os.environ) -> str:
    """The store's origin (scheme://host[:port]), for the Content-Security-Policy."""
    parts = urlsplit(environ["S3_ENDPOINT_URL"].strip())
    return f"{parts.scheme}://{parts.netloc}"
