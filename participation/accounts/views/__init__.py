"""Views of citizen accounts: signing up and in, the profile, export and deletion."""
