"""Complaints (the municipality's 137 line): categories, the page and the complaints."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from .location import Located


class ComplaintCategory(index.Indexed, models.Model):
    """A kind of problem citizens report, with the department that must fix it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(
        "cms.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaint_categories",
        verbose_name=_("responsible department"),
    )
    response_days = models.PositiveSmallIntegerField(_("working days to answer"), default=7)
    service_code = models.SlugField(
        _("service code"),
        max_length=60,
        unique=True,
        allow_unicode=False,
        help_text=_("Stable identifier for Open311 clients, e.g. street-lighting."),
    )
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("department"),
        FieldPanel("response_days"),
        FieldPanel("service_code"),
        FieldPanel("keywords"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("keywords")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")

    def __str__(self):
        return self.name

    def keywords_list(self):
        return [word.strip() for word in self.keywords.replace("،", ",").split(",") if word.strip()]

    def group_name(self):
        """The group a category is listed under (its department)."""
        return self.department.name if self.department_id else ""


class ComplaintsPage(RoutablePageMixin, Page):
    """The 137 page: the categories and the complaint form."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("complaints page")

    @path("")
    def complaint_form(self, request):
        from participation.feedback.views import complaints

        return complaints.submit(request, self)


class Complaint(Located):
    """A citizen's report of a problem. Only its category and status are ever public."""

    case = models.OneToOneField(
        "feedback.ReviewCase",
        on_delete=models.CASCADE,
        related_name="complaint",
        verbose_name=_("case"),
    )
    category = models.ForeignKey(
        ComplaintCategory,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("category"),
    )
    description = models.TextField(_("description"), max_length=5000)
    address = models.CharField(_("address"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("author"),
    )
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [Located.location_constraint("feedback_complaint_location_pair")]

    def __str__(self):
        return f"{self.case}: {self.category}"
