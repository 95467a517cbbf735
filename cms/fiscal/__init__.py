"""Budgets as open data: figures, comparisons, charts, exports and the admin import."""
