"""Helpers the account views share."""

from django.shortcuts import render

from participation.ratelimit import RateLimited, check


def rate_limited_response(request, error):
    """The page shown when a rate limit refuses a request (HTTP 429)."""
    response = render(request, "accounts/rate_limited.html", {"message": error.message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def check_post_rate(request, scope):
    """On POST, count the request against ``scope``; a 429 response when over, else None."""
    if request.method != "POST":
        return None
    try:
        check(request, scope)
    except RateLimited as error:
        return rate_limited_response(request, error)
    return None
