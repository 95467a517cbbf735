"""Tenders and auctions as Open Contracting Data Standard releases and records."""
