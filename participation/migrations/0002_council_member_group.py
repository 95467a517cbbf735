"""The "council member" group, allowed to export every poll's results.

Accounts (issue 5, item 1) add the other roles and put people in groups; this migration
only makes sure the group exists with the permission, and is safe with one already there.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "council member"
PERMISSION = "export_poll_results"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create ours now.
    app_config = apps.get_app_config("participation")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="participation", codename=PERMISSION)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="participation", codename=PERMISSION)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0001_polls_and_votes"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
