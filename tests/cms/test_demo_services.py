"""load_demo gives the demo city an organisation chart and a video and an audio item."""

import io

from django.core.management import call_command

from cms import models
from cms.organisation import department_tree


def test_the_demo_city_has_a_chart_with_heads_and_a_video_and_an_audio_item(db, monkeypatch):
    monkeypatch.setenv("SHAFAF_ADMIN_PASSWORD", "demo-pass-1403")
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())

    (mayor,) = department_tree()
    assert mayor.department.name == "دفتر شهردار"
    assert mayor.department.head.position == "شهردار"
    deputies = {node.department.name: node for node in mayor.children}
    services = deputies["معاونت خدمات شهری و محیط زیست"]
    assert "مرکز سامانه ۱۳۷" in {node.department.name for node in services.children}
    assert all(d.head and d.head.department_id == d.pk for d in models.Department.objects.all())

    items = {item.kind: item for item in models.MediaItemPage.objects.live()}
    assert set(items) == {"video", "audio"}
    assert items["video"].embed_url and len(items["video"].transcript) > 200
    audio = items["audio"]
    assert audio.media_file.file_extension == "wav" and audio.captions.file_extension == "vtt"
    assert audio.media_file.file.read(4) == b"RIFF"
