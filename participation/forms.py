"""The voting form of the public poll page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class VoteForm(forms.Form):
    """Radio buttons for a single-choice poll, checkboxes for a multiple-choice one.

    ``choices`` is the poll's choices, already loaded; the service checks them again
    against the database when the vote is cast.
    """

    def __init__(self, poll, choices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.limit = poll.selection_limit(len(choices))
        options = [(str(choice.pk), choice.label) for choice in choices]
        error_messages = {
            "required": _("Pick a choice before voting."),
            "invalid_choice": _("That choice is not in this poll."),
        }
        if poll.multiple_choice:
            self.fields["choices"] = forms.MultipleChoiceField(
                label=poll.title,
                choices=options,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    **error_messages,
                    "invalid_choice": _("That choice is not in this poll."),
                },
            )
        else:
            self.fields["choices"] = forms.ChoiceField(
                label=poll.title,
                choices=options,
                widget=forms.RadioSelect,
                error_messages=error_messages,
            )

    def clean_choices(self):
        picked = self.cleaned_data["choices"]
        picked = picked if isinstance(picked, list) else [picked]
        # A radio group submits one value; a crafted request may send several.
        sent = (
            self.data.getlist(self.add_prefix("choices"))
            if hasattr(self.data, "getlist")
            else picked
        )
        if max(len(picked), len(set(sent))) > self.limit:
            raise forms.ValidationError(
                ngettext("Pick only one choice.", "Pick at most %(limit)d choices.", self.limit)
                % {"limit": self.limit}
            )
        return [int(pk) for pk in picked]
