from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from cms.sitemaps import TranslatedSitemap
from portal import api_docs, health

urlpatterns = [
    # Probes: outside i18n_patterns, so no language prefix or redirect (see SECURE_REDIRECT_EXEMPT).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    # OpenAPI 3 of every API below: YAML, or JSON with ?format=json; and as a page.
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs.api_docs, name="api-docs"),
    path("api/v2/", api_router.urls),
    path("api/search/", include("search.api_urls")),
    path("api/participation/", include("participation.api_urls")),
    path("api/ocds/", include("cms.ocds.urls")),
    path("api/exports/", include("cms.exports.urls")),
    path("api/council/", include("cms.council.urls")),
    path("api/services/", include("cms.catalogue.urls")),
    path("open311/v2/", include("participation.feedback.open311_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Persian lives at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("feeds/", include("cms.feeds.urls")),
    path("accounts/", include("participation.accounts.urls")),
    path("comments/", include("participation.comments.urls")),
    path("forums/", include("participation.forums.urls")),
    path("follow/", include("participation.follows.urls")),
    path("", include("participation.feedback.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
