"""The names of the groups that carry participation roles, shared by every app's migrations.

Group names are data (a migration creates each group and gives it its permissions), so they
are English and stable; the admin shows them as they are.
"""

CITIZEN = "citizen"
MODERATOR = "moderator"
COUNCIL_MEMBER = "council member"
EDITOR = "editor"
