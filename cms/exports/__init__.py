"""Bulk downloads of every content type as CSV and JSON, with the licence stated."""
