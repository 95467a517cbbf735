"""Moderators moderate posts and pin or lock threads; editors manage forum categories.

Permissions are created here rather than left to post_migrate, so the groups get them in the
same migrate run. The groups may exist already (accounts creates them too).
"""

from django.db import migrations

MODERATOR = "moderator"
EDITOR = "editor"
GRANTS = {
    MODERATOR: [
        ("post", "moderate_post", "Can moderate forum posts"),
        ("thread", "view_thread", "Can view thread"),
        ("thread", "change_thread", "Can change thread"),
    ],
    EDITOR: [
        ("forumcategory", "add_forumcategory", "Can add forum category"),
        ("forumcategory", "change_forumcategory", "Can change forum category"),
        ("forumcategory", "delete_forumcategory", "Can delete forum category"),
        ("forumcategory", "view_forumcategory", "Can view forum category"),
    ],
}


def _permission(apps, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="forums", model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, grants in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(_permission(apps, *grant) for grant in grants))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GRANTS.items():
        codenames = [codename for _model, codename, _name in grants]
        permissions = Permission.objects.filter(
            content_type__app_label="forums", codename__in=codenames
        )
        for group in Group.objects.filter(name=group_name):
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_forums"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
