"""The sealed paper: a candidate's pre-drawn paper handed to their waiting room before the
start, encrypted, so that the start instant only has to release a 32-byte key.

At the start a whole cohort asks at once; opening an attempt and rendering the exam page cost
tens of milliseconds of CPU each, a key a few. The paper travels during check-in (spread over
minutes), the key at the start, and the attempt is opened in the seconds after, while the
candidate is already reading (js/session_room.js).

AES-256-GCM, as the browser's WebCrypto decrypts it (the tag appended to the ciphertext). The
key is derived from the project's secret, the candidate and their draw: it is stored nowhere,
differs for every candidate, and a new draw makes an earlier copy useless (the page then fetches
its paper the ordinary way). A moved start needs no new key: the key is released at the new one.
"""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.utils.crypto import salted_hmac

from exams.sessions.models import ExamSession, SessionCandidate

SALT = "exams.sessions.sealed-paper"


def paper_key(*, candidate: SessionCandidate, session: ExamSession) -> bytes:
    drawn = candidate.drawn_at.isoformat() if candidate.drawn_at else ""
    value = f"{candidate.pk}:{session.pk}:{candidate.seed}:{drawn}"
    return salted_hmac(SALT, value, algorithm="sha256").digest()


def seal(plaintext: str, key: bytes) -> dict:
    iv = os.urandom(12)
    data = AESGCM(key).encrypt(iv, plaintext.encode("utf-8"), None)
    return {"iv": _b64(iv), "data": _b64(data)}


def unseal(sealed: dict, key: bytes) -> str:
    """What the browser does; used by the tests and the benchmark's clients."""
    iv = base64.b64decode(sealed["iv"])
    return AESGCM(key).decrypt(iv, base64.b64decode(sealed["data"]), None).decode("utf-8")


def encode_key(key: bytes) -> str:
    return _b64(key)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
