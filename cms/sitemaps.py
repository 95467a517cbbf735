"""``sitemap.xml``: every live public page in every language, with its translations linked.

Wagtail's sitemap lists the site's tree in one language; this one walks the trees of all
translations of the site's root and gives each page ``hreflang`` alternates (and
``x-default``, the site's default language) when it has translations. The trees are listed
one after the other, so a page's translations are usually on another sitemap page: each
page of the sitemap fetches the translations of its items in one query.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for path in roots.values_list("path", flat=True):
            under_a_root |= Q(path__startswith=path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        object_list = self.paginator.page(page).object_list
        pages = list(object_list)
        location = {item.pk: item.get_full_url(self.request) for item in pages}
        # A subquery rather than a list of keys: a sitemap page may hold 50,000 items.
        translations = self.items().filter(
            translation_key__in=object_list.values("translation_key")
        )
        by_item = defaultdict(list)
        for item in translations:
            url = location.get(item.pk) or item.get_full_url(self.request)
            by_item[item.translation_key].append(
                {"lang_code": item.locale.language_code, "location": url}
            )
        urls = []
        for item in pages:
            alternates = by_item[item.translation_key]
            url_info = {
                "item": item,
                "location": location[item.pk],
                "lastmod": item.last_published_at or item.latest_revision_created_at,
                "alternates": [],
            }
            if len(alternates) > 1:
                default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
                url_info["alternates"] = [
                    *alternates,
                    *({"lang_code": "x-default", "location": a["location"]} for a in default),
                ]
            urls.append(url_info)
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
