"""Shapes of the participation API's input."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class VoteInputSerializer(serializers.Serializer):
    """``{"choices": [choice ids]}``."""

    choices = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        max_length=100,
        error_messages={
            "required": _("Give the ids of your choices in “choices”."),
            "empty": _("Pick at least one choice."),
            "not_a_list": _("“choices” must be a list of choice ids."),
        },
    )
