from django import template

from participation.follows import services

register = template.Library()


@register.inclusion_tag("follows/follow_button.html", takes_context=True)
def follow_button(context, page):
    """The page's follow form for a signed-in citizen; a sign-in link for anyone else (which
    keeps anonymous pages free of CSRF tokens, and so cacheable)."""
    request = context["request"]
    user = getattr(request, "user", None)
    followable = services.is_followable(page)
    return {
        "page": page,
        "request": request,
        "followable": followable,
        "signed_in": bool(user and user.is_authenticated),
        "following": followable and services.is_following(page, user),
    }
