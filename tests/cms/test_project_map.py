"""Project pages' progress and spending, and the project index's map and district summary."""

import re
from decimal import Decimal

import pytest

from cms import models
from cms.fiscal.project_map import PADDING, WIDTH, project_map
from tests.cms import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(sections):
    return sections[models.ProjectIndexPage]


def _project(parent, district=None, lat=None, lon=None, **kwargs):
    return factories.ProjectPageFactory(
        parent=parent,
        district=district,
        latitude=None if lat is None else Decimal(lat),
        longitude=None if lon is None else Decimal(lon),
        **kwargs,
    )


def test_project_page_shows_progress_and_spending(client, projects):
    page = _project(projects, progress=40, budget=2_000, spent=500)
    html = client.get(page.url).content.decode()
    assert '<progress id="project-progress" max="100" value="40">۴۰٪</progress>' in html
    assert '<progress id="project-spent" max="2000" value="500">۲۵٪</progress>' in html
    assert '<label for="project-progress">' in html


def test_index_maps_projects_with_coordinates_and_sums_districts(client, projects):
    north, south = factories.DistrictFactory(name="منطقه‌ی يك"), factories.DistrictFactory()
    _project(projects, north, "35.800000", "51.400000", title="بوستان <b>شمال</b>")
    _project(projects, south, "35.600000", "51.450000", budget=1_000, spent=250)
    _project(projects, None)  # city-wide, no coordinates: listed, not mapped
    html = client.get(projects.url).content.decode()
    # A group of links, not an image: an image may not hold links (WCAG 4.1.2).
    svg = re.search(r'<svg role="group"[^>]*class="project-map__svg".*?</svg>', html, re.S).group(0)
    assert svg.count("<circle") == 2
    assert "بوستان &lt;b&gt;شمال&lt;/b&gt;" in svg
    cy = [float(value) for value in re.findall(r'cy="([\d.]+)"', svg)]
    assert cy[0] == PADDING and cy[0] < cy[1]  # north is up
    table = re.search(r'id="project-districts-heading".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td class=\"amount\">(.*?)</td>", table)
    assert [count for _name, count in rows] == ["۱", "۱", "۱"]
    assert "منطقه‌ی يك" in table and "۲۵٪" in table


def test_map_geometry_keeps_markers_inside_the_frame():
    class Spot:
        def __init__(self, lat, lon):
            self.latitude, self.longitude = Decimal(lat), Decimal(lon)

    spots = [Spot("35.7", "51.3"), Spot("35.75", "51.5"), Spot("35.65", "51.4")]
    result = project_map(spots)
    xs = [marker.x for marker in result.markers]
    ys = [marker.y for marker in result.markers]
    assert min(xs) >= PADDING - 0.1 and max(xs) <= WIDTH - PADDING + 0.1
    assert min(ys) >= PADDING - 0.1 and max(ys) <= result.height - PADDING + 0.1
    assert project_map([]) is None
    assert project_map([Spot("35.7", "51.3")]).markers[0].y == PADDING


@pytest.mark.parametrize("count", [2, 12])
def test_index_queries_do_not_grow_with_projects(
    client, projects, count, django_assert_max_num_queries
):
    district = factories.DistrictFactory()
    for position in range(count):
        _project(projects, district, f"35.{position:02d}", f"51.{position:02d}")
    client.get(projects.url)  # warm the site and locale caches
    # The same number at both sizes: the map and the district summary are one query each.
    with django_assert_max_num_queries(20):
        response = client.get(projects.url)
    assert response.content.decode().count("<circle") == count
