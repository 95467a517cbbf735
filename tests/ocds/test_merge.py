"""The compiled release follows the OCDS merge rules for the fields we publish."""

from cms.ocds.merge import compile_releases

OCID = "ocds-xxxxxx-1"


def release(number, date, **fields):
    return {"ocid": OCID, "id": f"{OCID}-{number}", "date": date, "tag": ["tender"], **fields}


def test_newer_values_win_and_objects_merge_field_by_field():
    compiled = compile_releases(
        [
            release(1, "2024-05-01T00:00:00+03:30", tender={"id": "م-۱", "title": "نخست"}),
            release(2, "2024-05-02T00:00:00+03:30", tender={"title": "اصلاح‌شده ي ك"}),
        ]
    )
    assert compiled["tender"] == {"id": "م-۱", "title": "اصلاح‌شده ي ك"}
    assert compiled["id"] == f"{OCID}-2024-05-02T00:00:00+03:30"
    assert compiled["date"] == "2024-05-02T00:00:00+03:30"
    assert compiled["tag"] == ["compiled"]


def test_arrays_of_objects_merge_on_id_and_plain_arrays_are_replaced():
    compiled = compile_releases(
        [
            release(
                1,
                "2024-05-01T00:00:00+03:30",
                parties=[{"id": "a", "name": "الف", "roles": ["buyer", "procuringEntity"]}],
            ),
            release(
                2,
                "2024-05-02T00:00:00+03:30",
                parties=[
                    {"id": "b", "name": "ب", "roles": ["supplier"]},
                    {"id": "a", "roles": ["buyer"]},
                ],
            ),
        ]
    )
    assert compiled["parties"] == [
        {"id": "a", "name": "الف", "roles": ["buyer"]},
        {"id": "b", "name": "ب", "roles": ["supplier"]},
    ]


def test_null_removes_a_field_and_nothing_compiles_from_nothing():
    compiled = compile_releases(
        [
            release(1, "2024-05-01T00:00:00+03:30", tender={"id": "1", "description": "متن"}),
            release(2, "2024-05-02T00:00:00+03:30", tender={"description": None}),
        ]
    )
    assert compiled["tender"] == {"id": "1"}
    assert compile_releases([]) is None


def test_compiling_leaves_the_releases_unchanged():
    first = release(1, "2024-05-01T00:00:00+03:30", tender={"id": "1", "value": {"amount": 5}})
    second = release(2, "2024-05-02T00:00:00+03:30", tender={"value": {"amount": 7}})
    compile_releases([first, second])
    assert first["tender"]["value"] == {"amount": 5}
