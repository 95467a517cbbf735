"""The APIs answer in the language the client asks for.

Pages carry their language in the address (Persian at ``/``, English under ``/en/``). The APIs
have no language prefix, so Django's LocaleMiddleware would always answer them in the default
language; an app or a journalist's script asks with ``Accept-Language`` instead.
"""

from django.utils import translation
from django.utils.cache import patch_vary_headers

#: Addresses outside ``i18n_patterns`` whose answers carry translated text (errors, labels).
API_PREFIXES = ("/api/", "/open311/")


class APILanguageMiddleware:
    """Activates the language of ``Accept-Language`` (or the language cookie) on the APIs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIXES):
            return self.get_response(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ["Accept-Language"])
        return response
