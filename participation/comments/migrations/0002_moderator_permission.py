"""Moderators (the ``moderator`` group) may moderate comments.

The permission is created here rather than left to post_migrate, so the group gets it in the
same migrate run. The group may exist already (accounts creates it too).
"""

from django.db import migrations

MODERATOR = "moderator"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(app_label="comments", model="comment")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_comment",
        defaults={"name": "Can moderate citizens' comments"},
    )
    group, _created = Group.objects.get_or_create(name=MODERATOR)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_comment"
    )
    for group in Group.objects.filter(name=MODERATOR):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_and_flags"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
