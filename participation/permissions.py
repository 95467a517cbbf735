"""Who may do what in participation, in one place so views, API and tests agree."""

EXPORT_RESULTS = "participation.export_poll_results"


def can_see_all_results(user):
    """Staff and council members (the ``export_poll_results`` permission) see and export
    every poll's results, whatever the poll shows the public."""
    return bool(user and user.is_active and (user.is_staff or user.has_perm(EXPORT_RESULTS)))


def can_see_results(user, poll):
    return poll.results_are_public() or can_see_all_results(user)
