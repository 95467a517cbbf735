"""Council members may review citizen feedback, and enter the admin where the queue is.

Safe with the group already there (participation's 0002 or accounts may have made it).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "council member"
PERMISSION = "review_case"
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create ours now.
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="feedback", codename=PERMISSION),
        *Permission.objects.filter(
            content_type__app_label=ADMIN_ACCESS[0], codename=ADMIN_ACCESS[1]
        ),
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="feedback", codename=PERMISSION)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_cases_suggestions_complaints"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
