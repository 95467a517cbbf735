"""The council's open data at /api/council/: Popolo JSON and the meetings calendar."""

from django.urls import path

from . import api, meetings_ics

app_name = "council"
urlpatterns = [
    path("popolo.json", api.popolo_export, name="popolo"),
    path("persons/", api.persons, name="person-list"),
    path("organizations/", api.organizations, name="organization-list"),
    path("motions/", api.motions, name="motion-list"),
    path("vote_events/", api.vote_events, name="vote-event-list"),
    path("meetings.ics", meetings_ics.meetings_calendar, name="meetings-ics"),
]
