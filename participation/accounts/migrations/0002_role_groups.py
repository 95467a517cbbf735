"""The groups that carry participation roles: citizen, moderator and editor.

"council member" is created by participation's own migration 0002. Moderators and editors
may enter the Wagtail admin; the apps that give them work (comments, forums, suggestions)
add their own permissions to these groups. Safe with groups already there.
"""

from django.db import migrations

CITIZEN = "citizen"
MODERATOR = "moderator"
EDITOR = "editor"
# The admin's door: wagtailadmin's migration 0001 creates it.
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name=CITIZEN)
    access = Permission.objects.filter(
        content_type__app_label=ADMIN_ACCESS[0], codename=ADMIN_ACCESS[1]
    )
    for name in (MODERATOR, EDITOR):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*access)


def remove_groups(apps, schema_editor):
    # Only groups nobody is in, so reversing never takes a role away from a person.
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[CITIZEN, MODERATOR, EDITOR], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_citizen_profiles_and_notifications"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
