"""The demo's videos and audio: an embedded council session and a generated audio file."""

import datetime
import io
import json
import math
import struct
import wave
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.models import Department, MediaIndexPage, MediaItemPage
from cms.site_structure import section

MEDIA_FILE = Path(__file__).resolve().parent / "media.json"
SAMPLE_RATE = 8000


def load_media(home):
    """Publish the items of media.json under the home page's media section; skips those present."""
    items = json.loads(MEDIA_FILE.read_text(encoding="utf-8"))
    parent = section(home, MediaIndexPage)
    departments = dict(Department.objects.values_list("name", "pk"))
    for data in items:
        if MediaItemPage.objects.filter(source_id=data["source_id"]).exists():
            continue
        page = MediaItemPage(
            title=data["title"],
            source_id=data["source_id"],
            kind=data["kind"],
            date=datetime.date.fromisoformat(data["date"]),
            duration=datetime.timedelta(seconds=data["duration_seconds"]),
            embed_url=data.get("embed_url", ""),
            summary=data["summary"],
            transcript=data["transcript"],
            responsible_department_id=departments.get(data["department"]),
            source_authority=data["source_authority"],
        )
        if "file" in data:
            page.media_file = _document(
                data["file"]["title"],
                data["file"]["filename"],
                _tone(data["duration_seconds"]),
            )
        if "captions" in data:
            filename = Path(data["file"]["filename"]).with_suffix(".vtt").name
            page.captions = _document(data["file"]["title"], filename, _webvtt(data["captions"]))
        page.tags.add(*data["tags"])
        parent.add_child(instance=page)
        page.save_revision().publish()


def _document(title, filename, content):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def _tone(seconds):
    """A soft two-note chime as 8 kHz mono WAV: something real for the player to play."""
    frames = bytearray()
    for n in range(SAMPLE_RATE * seconds):
        t = n / SAMPLE_RATE
        pitch = 523.25 if t % 2 < 1 else 659.25  # C5, then E5, each second
        fade = 1 - (t % 1)
        frames += struct.pack("<h", int(6000 * fade * math.sin(2 * math.pi * pitch * t)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def _webvtt(cues):
    lines = ["WEBVTT", ""]
    for start, end, text in cues:
        lines += [f"{start} --> {end}", text, ""]
    return "\n".join(lines).encode("utf-8")
