"""The text of documents attached to laws and tenders is searched with the page."""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings

from cms import models
from search import attachments
from search.backends.elasticsearch import indexing
from search.services import SearchParams, search_pages
from tests.cms.factories import DocumentFactory, LawPageFactory, TenderPageFactory

REGULATION = (
    "ماده‌ی ۱: دستفروشي در پیاده‌روهای مركز شهر ممنوع است.\n"
    "ماده‌ی ۲: متخلفان به پرداخت جریمه‌ی ۵۰۰ هزار ریالی محكوم می‌شوند.\n"
)


def document(name, data, title="پیوست"):
    return DocumentFactory(title=title, file=ContentFile(data, name=name))


def found(query):
    return [hit.page.pk for hit in search_pages(SearchParams(query=query), page_size=50).hits]


@pytest.fixture
def law_with_text(sections):
    attached = document("ayinname.txt", REGULATION.encode())
    return LawPageFactory(
        parent=sections[models.LawIndexPage],
        title="آیین‌نامه‌ی ساماندهی معابر",
        summary="خلاصه‌ای بدون متن مواد",
        documents=[models.LawDocument(document=attached)],
    )


def test_a_law_is_found_by_words_only_in_its_attached_text(law_with_text):
    assert found("دستفروشی") == [law_with_text.pk]  # Arabic yeh in the file, Persian in the query
    assert found("جریمه ۵۰۰ هزار") == [law_with_text.pk]
    assert found("محکوم میشوند") == [law_with_text.pk]


def test_a_tender_is_found_by_its_csv_dossier(sections):
    sheet = "ردیف,شرح کار,مقدار\n۱,لوله‌گذاری فاضلاب,۱۲۰۰ متر\n".encode()
    tender = TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        title="مناقصه‌ی عمرانی",
        documents=[models.TenderDocument(document=document("fehrest.csv", sheet))],
    )
    assert found("لوله گذاری فاضلاب") == [tender.pk]


def test_a_windows_arabic_text_file_is_read(sections):
    # Windows Arabic has no Persian yeh: such files are written with the Arabic one.
    data = "قرارداد نگهداري فضاي سبز".encode("cp1256")
    law = LawPageFactory(
        parent=sections[models.LawIndexPage],
        documents=[models.LawDocument(document=document("old.txt", data))],
    )
    assert found("نگهداری فضای سبز") == [law.pk]


def test_formats_without_an_extractor_are_left_out_without_error(sections):
    sheet = document("motn.xlsx", b"PK\x03\x04 \xd8\xb2\xd8\xb1\xd8\xa7\xd9\x81\xd9\x87")
    law = LawPageFactory(
        parent=sections[models.LawIndexPage],
        title="مصوبه‌ی زرافه‌ای",
        documents=[models.LawDocument(document=sheet)],
    )
    assert attachments.document_text(sheet) == ""
    assert found("مصوبه زرافه") == [law.pk]


def test_a_missing_file_leaves_the_page_indexed_without_it(sections):
    attached = document("gone.txt", "متن گمشده".encode())
    attached.file.storage.delete(attached.file.name)
    law = LawPageFactory(
        parent=sections[models.LawIndexPage],
        title="مصوبه‌ی بی‌پیوست",
        documents=[models.LawDocument(document=attached)],
    )
    assert found("مصوبه بی پیوست") == [law.pk]
    assert found("گمشده") == []


def test_only_the_beginning_of_a_huge_file_is_read(db, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_BYTES", 20)
    attached = document("long.txt", ("کلمه " * 100).encode())
    text = attachments.document_text(attached)
    assert len(text.encode()) <= 20
    assert text.split() == ["کلمه"] * len(text.split())  # no word cut in half


def test_a_draft_law_is_not_found_by_its_attached_text(sections):
    attached = document("draft.txt", "پیش‌نویس سری ققنوس".encode())
    LawPageFactory(
        parent=sections[models.LawIndexPage],
        live=False,
        documents=[models.LawDocument(document=attached)],
    )
    assert found("ققنوس") == []


def test_the_elasticsearch_document_carries_the_attached_text(law_with_text):
    page = models.LawPage.objects.get(pk=law_with_text.pk)
    body = indexing.documents([page])[0].body.split()
    assert "دستفروشی" in body
    assert "خلاصهای" in body


def test_documents_for_many_laws_take_a_constant_number_of_queries(
    sections, law_with_text, django_assert_max_num_queries
):
    for n in range(4):
        LawPageFactory(
            parent=sections[models.LawIndexPage],
            documents=[models.LawDocument(document=document(f"l{n}.txt", b"matn"))],
        )
    pages = list(models.LawPage.objects.specific())
    # locales, tags, attached rows, their documents
    with django_assert_max_num_queries(4):
        documents = indexing.documents(pages)
    assert len(documents) == 5


def test_replacing_an_attached_file_re_indexes_the_page(
    law_with_text, django_capture_on_commit_callbacks
):
    attached = law_with_text.documents.get().document
    with django_capture_on_commit_callbacks(execute=True):
        attached.file = ContentFile("بازسازی قنات‌های قدیمی".encode(), name="new.txt")
        attached.save()
    assert found("قنات") == [law_with_text.pk]
    assert found("دستفروشی") == []


def test_replacing_an_attached_file_syncs_the_page_to_elasticsearch(
    law_with_text, monkeypatch, django_capture_on_commit_callbacks
):
    synced = []
    monkeypatch.setattr(indexing, "sync_pages", lambda page_ids: synced.append(sorted(page_ids)))
    attached = law_with_text.documents.get().document
    with (
        override_settings(ELASTICSEARCH_URL="http://elasticsearch.invalid:9200"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        attached.title = "متن تازه"
        attached.save()
    assert synced == [[law_with_text.pk]]


def pdf_with_text(*lines):
    """A one-page PDF whose text layer holds ``lines`` (Latin: the standard fonts have no Persian)."""
    text = " ".join(f"({line}) Tj 0 -14 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_tender_is_found_by_the_text_of_its_pdf_dossier(sections):
    dossier = document("dossier.pdf", pdf_with_text("Asphalt resurfacing", "Lot 7 Zafaraniyeh"))
    tender = TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        title="مناقصه‌ی روکش آسفالت",
        documents=[models.TenderDocument(document=dossier)],
    )

    assert "Zafaraniyeh" in attachments.document_text(dossier)
    assert found("zafaraniyeh") == [tender.pk]


def test_a_damaged_pdf_leaves_the_page_indexed_without_it(sections):
    damaged = document("broken.pdf", pdf_with_text("Resurfacing")[:60])
    law = LawPageFactory(
        parent=sections[models.LawIndexPage],
        title="مصوبه‌ی پیوست خراب",
        documents=[models.LawDocument(document=damaged)],
    )

    assert attachments.document_text(damaged) == ""
    assert found("مصوبه پیوست خراب") == [law.pk]
