"""Video lessons: which uploaded videos a lesson body holds, how long each is, and the rule for
"I have watched it", counted on the server's clock the same way as reading time
(``courses.reading``).

- **what is played**: while a video plays on a visible page, the page sends heartbeats
  (``play``, ``beat``, then ``pause`` or ``ended``). The server credits the time between two of
  them, capped at the heartbeat interval, and within one play-through never more than the
  video's own length: a paused or hidden video, a sleeping phone or a burst of fake
  heartbeats never counts more than real time played;
- **the share**: a lesson with uploaded videos may be confirmed only once each has been
  watched for ``COURSES_VIDEO_FRACTION`` of its length (default: ``COURSES_READING_FRACTION``),
  on top of the reading rule;
- **without JavaScript** no heartbeat arrives (the reading record says the page never sent
  one): as for reading, the server's time since the lesson was first opened stands in for it.

The length is the block's ``seconds``, which the block fills from the uploaded MP4's header
when the editor leaves it empty (``mp4_seconds``).
"""

from __future__ import annotations

import datetime
import math
import struct
from dataclasses import dataclass

from django.conf import settings

from courses.reading import reading_fraction

# The types a video block accepts, and what they are served as.
VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
CAPTION_TYPES = {"vtt": "text/vtt; charset=utf-8"}
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
# A movie header is small; a "moov" box larger than this is not read to find the length.
_MOOV_MAX_BYTES = 16 * 1024 * 1024


def video_fraction() -> float:
    """Share of a video's length a learner must watch (0–1)."""
    value = getattr(settings, "COURSES_VIDEO_FRACTION", None)
    if value is None:
        return reading_fraction()
    return min(max(float(value), 0.0), 1.0)


def video_max_bytes() -> int:
    return int(getattr(settings, "COURSES_VIDEO_MAX_BYTES", DEFAULT_MAX_BYTES))


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def served_type(filename: str) -> str | None:
    """The Content-Type a lesson's video or captions file is served with (None: not one)."""
    ext = extension(filename)
    return VIDEO_TYPES.get(ext) or CAPTION_TYPES.get(ext)


@dataclass(frozen=True)
class LessonVideo:
    """An uploaded video of a lesson body. ``key`` is the block's id: the watching record's."""

    key: str
    document_id: int
    captions_id: int | None
    seconds: int

    @property
    def required_seconds(self) -> int:
        return math.ceil(self.seconds * video_fraction())


def lesson_videos(lesson) -> list[LessonVideo]:
    """The uploaded videos of a lesson, from the stored body as it is: no query (the chooser
    blocks would fetch the documents)."""
    videos = []
    for block in lesson.body.raw_data:
        value = block.get("value") or {}
        if block.get("type") != "video" or not value.get("document"):
            continue
        videos.append(
            LessonVideo(
                key=str(block.get("id") or ""),
                document_id=int(value["document"]),
                captions_id=int(value["captions"]) if value.get("captions") else None,
                seconds=max(int(value.get("seconds") or 0), 0),
            )
        )
    return videos


def lesson_file_ids(lesson) -> set[int]:
    """The documents a lesson's video blocks hand out: the videos and their captions."""
    ids = set()
    for video in lesson_videos(lesson):
        ids.add(video.document_id)
        if video.captions_id:
            ids.add(video.captions_id)
    return ids


def _shown(seconds: int, unit: str) -> int:
    # Rounded down: nobody is told more was watched than was.
    return seconds // 60 if unit == "minutes" else seconds


@dataclass(frozen=True)
class WatchingStatus:
    """Where a learner stands on a lesson's videos."""

    total_seconds: int  # the videos' length
    required_seconds: int  # the share of it to watch, summed over the videos
    watched_seconds: int  # counted towards the share (each video at most its share)
    met: bool

    @property
    def remaining_seconds(self) -> int:
        return max(self.required_seconds - self.watched_seconds, 0)

    @property
    def unit(self) -> str:
        """Seconds for a short video (a 6-second clip is not "0 of 1 minutes"), else minutes."""
        return "seconds" if self.total_seconds < 120 else "minutes"

    @property
    def watched_shown(self) -> int:
        return _shown(self.watched_seconds, self.unit)

    @property
    def required_shown(self) -> int:
        return _shown(self.required_seconds, self.unit) or 1

    @property
    def remaining_shown(self) -> int:
        if self.unit == "seconds":
            return self.remaining_seconds
        return math.ceil(self.remaining_seconds / 60)

    @property
    def percent(self) -> int:
        return round(100 * video_fraction())

    def as_json(self) -> dict:
        return {
            "required_seconds": self.required_seconds,
            "watched_seconds": self.watched_seconds,
            "remaining_seconds": self.remaining_seconds,
            "watched_shown": self.watched_shown,
            "required_shown": self.required_shown,
            "remaining_shown": self.remaining_shown,
            "met": self.met,
        }


def watching_status(
    *, videos: list[LessonVideo], watched: dict[str, int], reading, now: datetime.datetime
) -> WatchingStatus | None:
    """``watched``: seconds credited per video key; ``reading``: the LessonReading or None.
    None for a lesson without uploaded videos."""
    if not videos:
        return None
    if reading is not None and not reading.tracked_by_page:
        # No JavaScript ran: the server's time since the first open stands for every video.
        since = max(int((now - reading.opened_at).total_seconds()), 0)
        watched = {video.key: since for video in videos}
    credited = [min(watched.get(video.key, 0), video.required_seconds) for video in videos]
    return WatchingStatus(
        total_seconds=sum(video.seconds for video in videos),
        required_seconds=sum(video.required_seconds for video in videos),
        watched_seconds=sum(credited),
        met=all(c >= video.required_seconds for c, video in zip(credited, videos, strict=True)),
    )


def mp4_seconds(file) -> int | None:
    """The length of an MP4 (whole seconds, rounded up) from its movie header ("moov" →
    "mvhd"), reading only the box headers and the movie box; None if it cannot be found."""
    file.seek(0)
    while True:
        header = file.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        offset = 8
        if size == 1:
            size = struct.unpack(">Q", file.read(8))[0]
            offset = 16
        if kind == b"moov":
            if size == 0 or size - offset > _MOOV_MAX_BYTES:
                return None
            return _mvhd_seconds(file.read(size - offset))
        if size == 0 or size < offset:
            return None
        file.seek(size - offset, 1)


def _mvhd_seconds(moov: bytes) -> int | None:
    position = 0
    while position + 8 <= len(moov):
        size, kind = struct.unpack(">I4s", moov[position : position + 8])
        if kind == b"mvhd":
            body = moov[position + 8 : position + size]
            if body[:1] == b"\x01":
                timescale, duration = struct.unpack(">IQ", body[20:32])
            else:
                timescale, duration = struct.unpack(">II", body[12:20])
            return math.ceil(duration / timescale) if timescale else None
        if size < 8:
            return None
        position += size
    return None
