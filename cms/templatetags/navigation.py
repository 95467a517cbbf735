"""Where the current page sits in the site: its ancestors, its home page, its translations.

The header, the menu, the breadcrumbs and the language switch all need these, so each is
computed once per request and kept on it: the page furniture costs a fixed number of
queries whatever the amount of content.
"""

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site


def _cached(request, name, key, compute):
    """``compute()`` once per request and ``key`` (the page the value depends on)."""
    attribute = f"_shafaf_{name}"
    cached = getattr(request, attribute, None)
    if cached is not None and cached[0] == key:
        return cached[1]
    value = compute()
    if request is not None:
        setattr(request, attribute, (key, value))
    return value


def current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def page_trail(context):
    """The current page's ancestors from the home page down, ending with the page itself."""
    page = current_page(context)
    if page is None:
        return []

    def compute():
        ancestors = page.get_ancestors().filter(depth__gte=2) if page.depth > 2 else []
        return [*ancestors, page] if page.depth >= 2 else []

    return _cached(context.get("request"), "trail", page.pk, compute)


def site_home(context):
    """The home page in the current page's language, else in the active language."""
    trail = page_trail(context)
    if trail:
        return trail[0]
    request = context.get("request")

    def compute():
        site = Site.find_for_request(request)
        return site.root_page.localized if site else None

    if request is None:
        return None
    return _cached(request, "home", translation.get_language(), compute)


def alternates(context):
    """[{code, name, url, current, exact}] for each content language that has a home page.

    ``url`` is the current page's live translation in that language (``exact``) or,
    failing that, that language's home page.
    """
    request = context.get("request")
    home = site_home(context)
    if home is None:
        return []
    page = current_page(context) if page_trail(context) else None

    def compute():
        keys = {home.translation_key}
        if page is not None:
            keys.add(page.translation_key)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        found = {
            (candidate.translation_key, languages.get(candidate.locale_id)): candidate
            for candidate in Page.objects.live().public().filter(translation_key__in=keys)
        }
        active = translation.get_language()
        result = []
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
            target = found.get((page.translation_key, code)) if page is not None else None
            exact = target is not None
            target = target or found.get((home.translation_key, code))
            if target is None:
                continue
            result.append(
                {
                    "code": code,
                    "name": name,
                    "url": target.get_url(request),
                    "current": code == active,
                    "exact": exact,
                }
            )
        return result

    return _cached(request, "alternates", (page.pk if page else None, home.pk), compute)


def home_sections(context):
    """The live, public children of the home page shown in menus, in tree order."""
    home = site_home(context)
    if home is None:
        return []
    return _cached(
        context.get("request"),
        "sections",
        home.pk,
        lambda: list(home.get_children().live().public().in_menu()),
    )
