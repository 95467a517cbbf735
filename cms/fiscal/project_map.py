"""A server-rendered SVG map of projects: one marker per project at its coordinates.

No tiles and no JavaScript: the markers are placed on a plain frame with an equirectangular
projection (longitude shrunk by the cosine of the mean latitude, which is exact enough
across one city). Every marker is a link with a title, and the same projects are listed
beside the map, so the map only adds the "where".
"""

import math
from dataclasses import dataclass

from django.db.models import Count, Sum

WIDTH = 640
MAX_HEIGHT = 480
PADDING = 24
# More markers than this make an unreadable map; the list below it still has every project.
MAX_MARKERS = 500


@dataclass(frozen=True)
class Marker:
    page: object
    x: float
    y: float


@dataclass(frozen=True)
class ProjectMap:
    markers: list
    width: int
    height: int


def project_map(pages):
    """Markers for ``pages`` (with latitude and longitude), scaled to fill the frame."""
    pages = [page for page in pages if page.latitude is not None and page.longitude is not None]
    if not pages:
        return None
    lats = [float(page.latitude) for page in pages]
    lons = [float(page.longitude) for page in pages]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * shrink, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    inner = WIDTH - 2 * PADDING
    scale = min(inner / span_x, (MAX_HEIGHT - 2 * PADDING) / span_y)
    height = math.ceil(min(MAX_HEIGHT, span_y * scale + 2 * PADDING))
    offset_x = (WIDTH - span_x * scale) / 2
    markers = [
        Marker(
            page,
            round(offset_x + (lon - min(lons)) * shrink * scale, 1),
            # North is up: larger latitudes are nearer the top.
            round(PADDING + (max(lats) - lat) * scale, 1),
        )
        for page, lat, lon in zip(pages, lats, lons, strict=True)
    ]
    return ProjectMap(markers=markers, width=WIDTH, height=max(height, 2 * PADDING))


def mapped_projects(listing):
    """The listed projects that have coordinates, with only what a marker shows (one query)."""
    return list(
        listing.select_related(None)
        .prefetch_related(None)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .order_by("pk")
        .only("title", "url_path", "latitude", "longitude", "status", "progress", "locale_id")[
            :MAX_MARKERS
        ]
    )


def district_summary(listing):
    """Per district (None: city-wide): project count, budget and spending, in one query."""
    return list(
        listing.select_related(None)
        .prefetch_related(None)
        .order_by()
        .values("district__number", "district__name")
        .annotate(count=Count("pk"), budget=Sum("budget"), spent=Sum("spent"))
        .order_by("district__number")
    )
