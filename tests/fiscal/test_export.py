"""CSV and Fiscal Data Package of a budget, served as routes of the budget page."""

import csv
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest

from cms.fiscal import export

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).parent / "schema" / "fiscal-data-package.json"


def _csv_rows(text):
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_has_every_line_and_leaves_heading_amounts_empty(client, budget_1403):
    response = client.get(budget_1403.url + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="budget-1403.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response.content.decode("utf-8"))
    assert [row["code"] for row in rows] == ["1", "11", "12", "2", "21", "22", "3", "4"]
    heading = rows[3]
    assert (heading["kind"], heading["parent_code"]) == ("expenditure", "")
    assert (heading["approved"], heading["revised"], heading["actual"]) == ("", "", "")
    assert (rows[4]["parent_code"], rows[4]["approved"]) == ("2", "900")
    assert rows[5]["actual"] == ""
    assert rows[1]["title"] == "ردیف 11 درآمد‌های عمومي"


@pytest.mark.parametrize("measure", ["approved", "revised", "actual"])
def test_summing_a_csv_measure_gives_the_budget_totals(client, budget_1403, measure):
    rows = _csv_rows(client.get(budget_1403.url + "csv/").content.decode("utf-8"))
    for kind in ("revenue", "expenditure"):
        total = sum(int(row[measure] or 0) for row in rows if row["kind"] == kind)
        assert total == budget_1403.totals[kind][measure], kind


def test_datapackage_describes_the_csv(client, budget_1403):
    response = client.get(budget_1403.url + "datapackage/")
    assert response.status_code == 200
    package = response.json()
    jsonschema.validate(package, json.loads(SCHEMA.read_text()))
    resource = package["resources"][0]
    assert resource["path"] == "http://testserver" + budget_1403.url + "csv/"
    header = client.get(resource["path"]).content.decode("utf-8").removeprefix("\ufeff")
    names = [field["name"] for field in resource["schema"]["fields"]]
    assert names == header.splitlines()[0].split(",")
    types = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
    assert types["approved"] == types["actual"] == "integer"
    # Farvardin 1, 1403 is 20 March 2024; the year ends on Esfand 29 (20 March 2025).
    assert package["fiscalPeriod"] == {"start": "2024-03-20", "end": "2025-03-20"}
    measures = package["model"]["measures"]
    assert set(measures) == {"approved", "revised", "actual"}
    assert {measure["currency"] for measure in measures.values()} == {"IRR"}
    for dimension in package["model"]["dimensions"].values():
        for attribute in dimension["attributes"].values():
            assert attribute["source"] in names


def test_zip_holds_the_descriptor_and_its_csv(client, budget_1403):
    response = client.get(budget_1403.url + "datapackage/zip/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["budget-1403.csv", "datapackage.json"]
    package = json.loads(archive.read("datapackage.json"))
    jsonschema.validate(package, json.loads(SCHEMA.read_text()))
    assert package["resources"][0]["path"] == "budget-1403.csv"
    rows = _csv_rows(archive.read("budget-1403.csv").decode("utf-8"))
    assert len(rows) == 8


def test_formula_like_titles_are_neutralised(budget_1403):
    line = budget_1403.line_items.get(code="3")
    line.title = '=HYPERLINK("http://evil")<script>alert(1)</script>'
    line.save()
    budget_1403.refresh_from_db()
    rows = _csv_rows(export.csv_text(type(budget_1403).objects.get(pk=budget_1403.pk)))
    assert rows[6]["title"].startswith("'=HYPERLINK")
