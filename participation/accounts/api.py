"""Accounts API: ``GET/PATCH me/`` (the own profile), ``GET me/activity/`` (the own
comments, votes, requests and forum activity) and ``POST auth/token/`` for apps.

Errors are ``{"error": "…", "code": "…"}`` as in the polls API. Signing in for a token is
rate limited and counted by django-axes like the sign-in page: after too many failures the
same email from the same address gets 429 until the cool-off ends.
"""

from dataclasses import asdict

from django.contrib.auth import authenticate
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from participation.accounts import activity, services
from participation.accounts.serializers import (
    ProfileSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)
from participation.api import error_response, json_errors, rate_limited


class MeView(APIView):
    """The signed-in citizen's profile: read it, or change some of it."""

    authentication_classes = [SessionAuthentication, TokenAuthentication]
    permission_classes = [IsAuthenticated]
    serializer_class = ProfileSerializer

    def get_exception_handler(self):
        return json_errors

    def get(self, request):
        return Response(ProfileSerializer(services.profile_for(request.user)).data)

    def patch(self, request):
        refused = rate_limited(request, "profile")
        if refused:
            return refused
        serializer = ProfileSerializer(
            services.profile_for(request.user), data=request.data, partial=True
        )
        if not serializer.is_valid():
            return error_response(
                _("Some fields are not valid."),
                "invalid",
                status.HTTP_400_BAD_REQUEST,
                fields=serializer.errors,
            )
        serializer.save()
        return Response(serializer.data)


class MyActivityView(APIView):
    """The signed-in citizen's own activity, each section a page of ``activity.PAGE_SIZE``
    newest first; ``?comments_page=2`` (``votes_page``, ...) turns one section's pages."""

    authentication_classes = [SessionAuthentication, TokenAuthentication]
    permission_classes = [IsAuthenticated]

    def get_exception_handler(self):
        return json_errors

    @extend_schema(
        parameters=[
            OpenApiParameter(
                activity.page_parameter(name),
                int,
                description=f"The page of {name} to list, 1 (the newest) by default.",
            )
            for name in activity.SECTIONS
        ]
    )
    def get(self, request):
        pages, invalid = activity.page_numbers(request.query_params)
        if invalid:
            message = _("A page number is a whole number from 1 to %(max)s.") % {
                "max": activity.MAX_PAGE
            }
            return error_response(
                message,
                "invalid",
                status.HTTP_400_BAD_REQUEST,
                fields={parameter: [message] for parameter in invalid},
            )
        sections = activity.activity_for(request.user, request, pages)
        response = Response(
            {
                name: {
                    "items": [asdict(item) for item in section.items],
                    "page": section.page,
                    "previous_page": section.previous_page,
                    "next_page": section.next_page,
                }
                for name, section in sections.items()
            }
        )
        add_never_cache_headers(response)  # how a citizen voted is theirs alone
        return response


class TokenView(APIView):
    """Exchange an email address and password for the account's API token."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    def get_exception_handler(self):
        return json_errors

    def post(self, request):
        refused = rate_limited(request, "api_token")
        if refused:
            return refused
        serializer = TokenRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return error_response(
                _("Some fields are not valid."),
                "invalid",
                status.HTTP_400_BAD_REQUEST,
                fields=serializer.errors,
            )
        # Django's request, not DRF's: axes marks a lockout on it for its middleware.
        user = authenticate(
            request._request,
            username=serializer.validated_data["email"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            return error_response(
                _("The email address or the password is wrong."),
                "invalid_credentials",
                status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)
