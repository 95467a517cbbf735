"""Signals participation sends where Django's model signals cannot tell the whole story."""

from django.dispatch import Signal

#: Sent by ``services.cast_vote`` inside its transaction, once the vote and all its choices are
#: written (they are written in bulk, which sends no ``post_save``). Arguments: ``vote``,
#: ``created`` (False when a vote was changed) and ``choice_ids`` (sorted).
vote_recorded = Signal()
