"""The admin, through its real views: where pages go, creating each type, Persian errors."""

from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms import models
from cms.site_structure import ensure_site_structure, site_sections
from participation.models import PollIndexPage
from tests.cms import factories

BODY = streamfield([("paragraph", rich_text("<p>متن كامل با نيم‌فاصله و <b>تأكيد</b></p>"))])


def _in_admin_language(message):
    """The message as the admin shows it: in the site's default language, Persian."""
    with translation.override("fa"):
        return gettext(message)


def _page_form(title, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title, allow_unicode=True),
            "summary": "خلاصه‌ی كوتاه براي فهرست‌ها",
            "body": BODY,
            "tags": "شفافيت, بودجه‌ی شهري",
            "comments": inline_formset([]),
            "citizen_comments": "closed",
            **fields,
        }
    )


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_takes_exactly_the_sections_including_those_other_apps_register(self):
        sections = {model for model, _slug, _title in site_sections()}

        self.assertAllowedSubpageTypes(models.HomePage, sections)
        assert {
            models.NewsIndexPage,
            models.EventIndexPage,
            models.LawIndexPage,
            models.TenderIndexPage,
            models.ProjectIndexPage,
            models.BudgetIndexPage,
            models.StandardPage,
            models.StaffDirectoryPage,
            PollIndexPage,
        } <= sections

    def test_each_section_takes_only_its_own_items(self):
        for section, item in [
            (models.NewsIndexPage, models.NewsPage),
            (models.EventIndexPage, models.EventPage),
            (models.LawIndexPage, models.LawPage),
            (models.TenderIndexPage, models.TenderPage),
            (models.ProjectIndexPage, models.ProjectPage),
            (models.BudgetIndexPage, models.BudgetPage),
        ]:
            with self.subTest(section=section.__name__):
                self.assertAllowedSubpageTypes(section, {item})
                self.assertAllowedParentPageTypes(item, {section})

    def test_items_have_no_children(self):
        for item in [
            models.NewsPage,
            models.EventPage,
            models.LawPage,
            models.TenderPage,
            models.ProjectPage,
            models.BudgetPage,
            models.StaffDirectoryPage,
        ]:
            with self.subTest(item=item.__name__):
                self.assertAllowedSubpageTypes(item, set())

    def test_tender_cannot_be_filed_under_news(self):
        self.assertCanNotCreateAt(models.NewsIndexPage, models.TenderPage)
        self.assertCanNotCreateAt(models.HomePage, models.TenderPage)
        self.assertCanCreateAt(models.TenderIndexPage, models.TenderPage)

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(
            models.StandardPage, {models.HomePage, models.StandardPage}
        )


class AdminCreatesPagesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = ensure_site_structure("شهرداری آزمایشی")
        self.sections = {type(page): page for page in self.home.get_children().specific()}
        self.client.force_login(self.create_test_user())

    def _create(self, section_model, model, form):
        parent = self.sections[section_model] if section_model else self.home
        self.assertCanCreate(parent, model, form)
        page = model.objects.child_of(parent).get(title=form["title"])
        self.assertTrue(page.live)
        self.assertEqual(sorted(page.tags.names()), ["بودجه‌ی شهري", "شفافيت"])
        return page

    def test_admin_creates_a_news_item(self):
        image = factories.ImageFactory()
        page = self._create(
            models.NewsIndexPage,
            models.NewsPage,
            _page_form(
                "بازگشايي پارك محله‌ی نارمك",
                kind="announcement",
                date="2024-05-01",
                image=image.pk,
                gallery_images=inline_formset([]),
            ),
        )
        self.assertEqual(page.image, image)
        self.assertEqual(page.body[0].block_type, "paragraph")

    def test_admin_creates_an_event(self):
        page = self._create(
            models.EventIndexPage,
            models.EventPage,
            _page_form(
                "نشست هم‌انديشي بودجه",
                start="2024-06-01 10:00",
                end="2024-06-01 12:00",
                place="تالار شهر",
                address="خيابان ولي‌عصر",
            ),
        )
        self.assertEqual(page.place, "تالار شهر")

    def test_admin_creates_a_law_with_amendment_and_document(self):
        earlier = factories.LawPageFactory(parent=self.sections[models.LawIndexPage])
        document = factories.DocumentFactory()
        page = self._create(
            models.LawIndexPage,
            models.LawPage,
            # A multiple choice is posted as repeated values, which nested_form_data flattens.
            {"amends": [earlier.pk]}
            | _page_form(
                "آیین‌نامه‌ی ساماندهي مشاغل",
                number="۱۲/ش/۱۴۰۳",
                kind="regulation",
                status="in_force",
                approval_authority="شورای اسلامی شهر",
                approval_date="2024-04-20",
                effective_date="2024-05-01",
                repealed_by="",
                documents=inline_formset([{"document": document.pk, "caption": "متن مصوبه"}]),
            ),
        )
        self.assertEqual(list(page.amends.all()), [earlier])
        self.assertEqual([doc.label for doc in page.documents.all()], ["متن مصوبه"])

    def test_admin_creates_a_tender_with_its_documents(self):
        document = factories.DocumentFactory()
        page = self._create(
            models.TenderIndexPage,
            models.TenderPage,
            _page_form(
                "مناقصه‌ی آسفالت معابر منطقه‌ی ۴",
                kind="tender",
                reference_number="م/۱۴۰۳/۴۵",
                status="open",
                estimated_value="12500000000",
                currency="IRR",
                publish_date="2024-05-01",
                submission_deadline="2024-05-20 14:00",
                contract_status="active",  # the select's default: no contract yet
                contract_amendments=inline_formset([]),
                documents=inline_formset([{"document": document.pk, "caption": "شرايط"}]),
            ),
        )
        self.assertEqual(page.reference_number, "م/۱۴۰۳/۴۵")
        self.assertEqual(page.documents.get().document, document)

    def test_admin_creates_a_project_in_a_district(self):
        district = factories.DistrictFactory()
        page = self._create(
            models.ProjectIndexPage,
            models.ProjectPage,
            _page_form(
                "احداث بوستان محله‌ی ك",
                status="in_progress",
                progress="40",
                district=district.pk,
                start_date="2024-01-01",
                end_date="2025-01-01",
                budget="40000000000",
                spent="10000000000",
                currency="IRR",
                contractor="شركت سبزينه",
                latitude="35.7",
                longitude="51.4",
                gallery_images=inline_formset([]),
            ),
        )
        self.assertEqual((page.district, page.progress), (district, 40))

    def test_admin_creates_a_budget_with_line_items(self):
        page = self._create(
            models.BudgetIndexPage,
            models.BudgetPage,
            _page_form(
                "بودجه‌ی سال ۱۴۰۳",
                fiscal_year="1403",
                currency="IRR",
                approved_on="2024-03-01",
                line_items=inline_formset(
                    [
                        {"code": "1", "title": "درآمدها", "kind": "revenue"},
                        {
                            "code": "11",
                            "parent_code": "1",
                            "title": "عوارض",
                            "kind": "revenue",
                            "approved": "700",
                        },
                        {"code": "2", "title": "هزينه‌ها", "kind": "expenditure", "approved": "600"},
                    ]
                ),
            ),
        )
        self.assertEqual(page.totals["balance"]["approved"], 100)

    def test_admin_creates_a_standard_page_under_home(self):
        self._create(None, models.StandardPage, _page_form("درباره‌ی شهرداري"))


class AdminRefusesInvalidPagesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = ensure_site_structure("شهرداری آزمایشی")
        self.sections = {type(page): page for page in self.home.get_children().specific()}
        self.client.force_login(self.create_test_user())

    def _post_new(self, section_model, model, form):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["cms", model._meta.model_name, self.sections[section_model].pk],
        )
        return self.client.post(url, {**form, "action-publish": "action-publish"})

    def test_tender_with_deadline_before_publish_date_shows_the_error_and_is_not_created(self):
        response = self._post_new(
            models.TenderIndexPage,
            models.TenderPage,
            _page_form(
                "مناقصه‌ی بدون مهلت درست",
                kind="tender",
                reference_number="م/۱۴۰۳/۹۹",
                status="open",
                currency="IRR",
                publish_date="2024-05-10",
                submission_deadline="2024-05-09 14:00",
                documents=inline_formset([]),
            ),
        )
        self.assertEqual(response.status_code, 200)
        message = _in_admin_language("The submission deadline must come after the publish date.")
        self.assertEqual(
            [str(error) for error in response.context["form"].errors["submission_deadline"]],
            [message],
        )
        self.assertContains(response, message)
        self.assertFalse(models.TenderPage.objects.exists())

    def test_budget_with_a_duplicate_line_code_shows_the_error_and_is_not_created(self):
        response = self._post_new(
            models.BudgetIndexPage,
            models.BudgetPage,
            _page_form(
                "بودجه‌ی تكراري",
                fiscal_year="1403",
                currency="IRR",
                line_items=inline_formset(
                    [
                        {"code": "۱۰۱", "title": "عوارض", "kind": "revenue", "approved": "5"},
                        {"code": "۱۰۱", "title": "بهاي خدمات", "kind": "revenue", "approved": "7"},
                    ]
                ),
            ),
        )
        self.assertEqual(response.status_code, 200)
        # BudgetPageForm names the code; the formset's unique check then adds Django's own.
        message = _in_admin_language("Code %(code)s is used twice in this budget.") % {
            "code": "101"
        }
        forms = response.context["form"].formsets["line_items"].forms
        self.assertIn(message, forms[1].non_field_errors())
        self.assertEqual(forms[0].non_field_errors(), [])
        self.assertContains(response, message)
        self.assertFalse(models.BudgetPage.objects.exists())
        self.assertFalse(models.BudgetLineItem.objects.exists())

    def test_budget_line_under_an_unknown_parent_shows_the_error_and_is_not_created(self):
        response = self._post_new(
            models.BudgetIndexPage,
            models.BudgetPage,
            _page_form(
                "بودجه با رديف يتيم",
                fiscal_year="1405",
                currency="IRR",
                line_items=inline_formset(
                    [
                        {"code": "1", "title": "درآمدها", "kind": "revenue", "approved": "9"},
                        {
                            "code": "21",
                            "parent_code": "2",
                            "title": "حقوق",
                            "kind": "expenditure",
                            "approved": "5",
                        },
                    ]
                ),
            ),
        )
        with translation.override("fa"):
            message = gettext("Parent code %(code)s is not in this budget.") % {"code": "2"}
        forms = response.context["form"].formsets["line_items"].forms
        self.assertEqual([form.non_field_errors() for form in forms], [[], [message]])
        self.assertContains(response, message)
        self.assertFalse(models.BudgetPage.objects.exists())

    def test_budget_heading_with_an_amount_is_refused(self):
        response = self._post_new(
            models.BudgetIndexPage,
            models.BudgetPage,
            _page_form(
                "بودجه با سرفصل پر",
                fiscal_year="1404",
                currency="IRR",
                line_items=inline_formset(
                    [
                        {"code": "1", "title": "درآمدها", "kind": "revenue", "approved": "9"},
                        {
                            "code": "11",
                            "parent_code": "1",
                            "title": "عوارض",
                            "kind": "revenue",
                            "approved": "5",
                        },
                    ]
                ),
            ),
        )
        with translation.override("fa"):
            message = gettext(
                "Line %(code)s has sub-lines: its amounts are computed, leave them empty."
            ) % {"code": "1"}
        self.assertContains(response, message)
        self.assertFalse(models.BudgetPage.objects.exists())

    def test_second_budget_for_a_year_is_refused(self):
        factories.BudgetPageFactory(parent=self.sections[models.BudgetIndexPage], fiscal_year=1403)
        response = self._post_new(
            models.BudgetIndexPage,
            models.BudgetPage,
            _page_form(
                "بودجه‌ی دوباره",
                fiscal_year="1403",
                currency="IRR",
                line_items=inline_formset([]),
            ),
        )
        self.assertContains(
            response, _in_admin_language("There is already a budget for this year.")
        )
        self.assertEqual(models.BudgetPage.objects.count(), 1)


class DirectoryAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.client.force_login(self.create_test_user())
        self.roads = factories.DepartmentFactory(name="معاونت حمل‌ونقل و ترافيك")
        self.parks = factories.DepartmentFactory(name="سازمان پارك‌ها")
        self.driver = factories.StaffMemberFactory(full_name="رضا كاظمي", department=self.roads)
        self.gardener = factories.StaffMemberFactory(full_name="مريم احمدي", department=self.parks)

    def test_each_directory_listing_opens_for_an_admin(self):
        factories.DistrictFactory(name="منطقه‌ی يك")
        for model in (models.District, models.Department, models.StaffMember):
            with self.subTest(model=model.__name__):
                url = reverse(f"wagtailsnippets_cms_{model._meta.model_name}:list")
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_staff_listing_filters_by_department(self):
        url = reverse("wagtailsnippets_cms_staffmember:list")
        response = self.client.get(url, {"department": self.parks.pk})
        self.assertContains(response, "مريم احمدي")
        self.assertNotContains(response, "رضا كاظمي")

    def test_staff_listing_searches_by_name(self):
        url = reverse("wagtailsnippets_cms_staffmember:list")
        response = self.client.get(url, {"q": "كاظمي"})
        self.assertContains(response, "رضا كاظمي")
        self.assertNotContains(response, "مريم احمدي")

    def test_directory_has_its_own_admin_menu(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("wagtailsnippets_cms_district:list"))

    def test_staff_listing_finds_a_name_from_its_first_letters(self):
        url = reverse("wagtailsnippets_cms_staffmember:list")
        response = self.client.get(url, {"q": "كاظ"})
        self.assertContains(response, "رضا كاظمي")
        self.assertNotContains(response, "مريم احمدي")
