"""Participation's models; import them from here."""

from .polls import PollChoice, PollIndexPage, PollPage
from .votes import Vote, VoteChoice

__all__ = ["PollChoice", "PollIndexPage", "PollPage", "Vote", "VoteChoice"]
