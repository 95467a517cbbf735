"""Shapes of the accounts API: the own profile and the token request."""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from participation.accounts.forms import clean_display_name
from participation.accounts.mobile import normalize_mobile
from participation.accounts.models import CitizenProfile


def _as_drf_error(function, value):
    """Run a form-side cleaner, turning its ValidationError into DRF's."""
    try:
        return function(value)
    except forms.ValidationError as error:
        raise serializers.ValidationError(error.messages) from None


class ProfileSerializer(serializers.ModelSerializer):
    """The signed-in citizen's own profile; only name, mobile and notifications change."""

    email = serializers.EmailField(source="user.email", read_only=True)
    # Longer than the stored form: "+98 912 345 6789" is cleaned to "09123456789".
    mobile = serializers.CharField(max_length=20, allow_blank=True, required=False)
    email_verified = serializers.BooleanField(read_only=True)
    mobile_verified = serializers.BooleanField(read_only=True)

    class Meta:
        model = CitizenProfile
        fields = [
            "email",
            "email_verified",
            "display_name",
            "mobile",
            "mobile_verified",
            "notification_frequency",
        ]

    def validate_display_name(self, value):
        return _as_drf_error(clean_display_name, value)

    def validate_mobile(self, value):
        return _as_drf_error(normalize_mobile, value)

    def update(self, instance, validated_data):
        if "mobile" in validated_data and validated_data["mobile"] != instance.mobile:
            instance.mobile_verified_at = None  # a new number is not verified yet
        return super().update(instance, validated_data)


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.CharField(
        max_length=254, error_messages={"required": _("Give your email address in “email”.")}
    )
    password = serializers.CharField(
        max_length=4096,
        trim_whitespace=False,
        error_messages={"required": _("Give your password in “password”.")},
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
