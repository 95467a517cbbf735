"""The council's review dashboard in the Wagtail admin: queue, case page, monthly report."""
