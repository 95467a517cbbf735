"""The participation log (a tamper-evident hash chain of votes, submissions and official
responses) and the audit trail of moderation and council review in Wagtail's own log."""
