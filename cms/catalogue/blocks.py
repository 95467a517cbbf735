"""The blocks of a service page: the steps a citizen goes through and what to bring."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=200)
    description = blocks.TextBlock(label=_("what happens"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()


class RequiredDocumentsBlock(blocks.StreamBlock):
    document = blocks.CharBlock(label=_("document"), max_length=300, icon="doc-full")
