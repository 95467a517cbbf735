"""One citizen account per email address, held by a unique column on the profile.

Existing profiles claim their account's address, oldest first: where two accounts already
share an address, the newer one's profile claims none (staff can merge or correct them),
so the constraint can be added without losing an account.
"""

from django.db import migrations, models


def claim_addresses(apps, schema_editor):
    CitizenProfile = apps.get_model("accounts", "CitizenProfile")
    claimed = set()
    for profile in CitizenProfile.objects.select_related("user").order_by("pk"):
        address = (profile.user.email or "").strip().lower()
        if address and address not in claimed:
            claimed.add(address)
            profile.normalized_email = address
            profile.save(update_fields=["normalized_email"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="citizenprofile",
            name="normalized_email",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=254,
                verbose_name="normalized email address",
            ),
        ),
        # Reversing drops the column, and the claims with it.
        migrations.RunPython(claim_addresses, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="citizenprofile",
            constraint=models.UniqueConstraint(
                condition=models.Q(("normalized_email", ""), _negated=True),
                fields=("normalized_email",),
                name="one_citizen_per_email",
            ),
        ),
    ]
