"""The 137 page: complaint categories and the complaint form."""

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse

from participation.feedback import services
from participation.feedback.forms import ComplaintForm
from participation.feedback.models import ComplaintCategory
from participation.feedback.views import submitting


def submit(request, page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])

    def render(form, status=200, error=None):
        context = page.get_context(request)
        context.update(
            form=form,
            error=error,
            categories=ComplaintCategory.objects.filter(is_active=True).select_related(
                "department"
            ),
        )
        return TemplateResponse(request, "feedback/complaints_page.html", context, status=status)

    if request.method == "GET":
        initial = {}
        if request.GET.get("category", "").isdigit():
            initial["category"] = int(request.GET["category"])
        return render(ComplaintForm(user=request.user, initial=initial))
    form = ComplaintForm(request.POST, request.FILES, user=request.user)

    def submit_it(data):
        return services.submit_complaint(
            category=data["category"],
            description=data["description"],
            address=data.get("address", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            district=data.get("district"),
            files=data.get("files", []),
            submitter=request.user,
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
        )

    return submitting.handle(
        request,
        form,
        scope="complaint",
        duplicate_parts=lambda data: (data["category"].pk, data["description"]),
        submit=submit_it,
        render=render,
    )
