"""Permission matrix: every role is refused each admin and API write it must not do, and the
database stays as it was. One row per (role, action); the fixtures are built once per class.

What the roles MAY do is not listed here (see the other tests): Redaktion adds and edits pages,
offers, providers, synonyms and may import; Übersetzung adds and edits in the plain-language
tree and plain-language offers; Freigabe in addition publishes, unpublishes, deletes and moves
pages, approves, deletes media, offers and providers and edits the site settings. Wagtail lets
a user with "change" but no "publish" delete and move pages that are not live; the rows below
therefore use live pages."""

import tempfile
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site, TaskState, WorkflowState

from home.editorial_roles import FREIGABE, REDAKTION, UEBERSETZUNG
from home.models import SiteChromeSettings
from offers.models import ImportRun, Offer, Provider
from search.models import QueryLogEntry, Synonym
from tests.factories import (
    CreditedImageFactory,
    HomePageFactory,
    SizedDocumentFactory,
    StandardPageFactory,
)
from tests.factories.offers import ProviderFactory, create_offer
from tests.factories.pages import standard_page_edit_form

NO_ACCESS = "Sie haben leider keinen Zugang zu diesem Bereich."
MEDIA_ROOT = tempfile.mkdtemp(prefix="permission-matrix-")
API_WRITES = ("post", "put", "patch", "delete")

ANONYMOUS, EDITOR, TRANSLATOR, REVIEWER, SUPERUSER = (
    "anonymous",
    "editor",
    "translator",
    "reviewer",
    "superuser",
)


def fingerprint(drafts_allowed=False):
    """Everything a refused write could have touched. With drafts_allowed, a saved draft
    (new revision, latest_revision, has_unpublished_changes) does not count as a change."""
    page_fields = ["pk", "path", "title", "slug", "live", "live_revision_id", "locked", "owner_id"]
    if not drafts_allowed:
        page_fields += ["latest_revision_id", "has_unpublished_changes"]
    user_model = get_user_model()
    state = {
        "pages": list(Page.objects.order_by("pk").values_list(*page_fields)),
        "workflow": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        "tasks": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        "images": list(get_image_model().objects.order_by("pk").values_list("pk", "title")),
        "documents": list(get_document_model().objects.order_by("pk").values_list("pk", "title")),
        "offers": list(
            Offer.objects.order_by("pk").values_list(
                "pk", "title", "live", "locale_id", "live_revision_id"
            )
        ),
        "providers": list(Provider.objects.order_by("pk").values_list("pk", "name")),
        "synonyms": list(Synonym.objects.order_by("pk").values_list("pk", "variants", "note")),
        "query_log": list(QueryLogEntry.objects.order_by("pk").values_list("pk", "query", "hits")),
        "imports": ImportRun.objects.count(),
        "users": list(
            user_model.objects.order_by("pk").values_list(
                "pk", "username", "email", "password", "is_active", "is_staff", "is_superuser"
            )
        ),
        "memberships": list(
            user_model.groups.through.objects.order_by("pk").values_list("user_id", "group_id")
        ),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "group_permissions": list(
            Group.permissions.through.objects.order_by("pk").values_list(
                "group_id", "permission_id"
            )
        ),
        "settings": list(SiteChromeSettings.objects.order_by("pk").values()),
    }
    if not drafts_allowed:
        state["revisions"] = Revision.objects.count()
    return state


@override_settings(MEDIA_ROOT=MEDIA_ROOT)
class PermissionMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        # the site as tests/conftest.py's home_page fixture builds it
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root, slug="start")
        site = Site.objects.get(is_default_site=True)
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.pk != home.pk:
            old_root.delete()
        cls.site = site
        plain_locale = Locale.objects.get(language_code=settings.PLAIN_LANGUAGE_CODE)
        cls.plain_locale = plain_locale

        def live_page(parent, title, slug):
            page = StandardPageFactory(parent=parent, title=title, slug=slug)
            page.save_revision().publish()
            page.refresh_from_db()
            return page

        def plain_copy(page, title):
            copy = page.copy_for_translation(plain_locale)
            copy.title = title
            copy.save_revision().publish()
            copy.refresh_from_db()
            return copy

        cls.german_home = home
        cls.german = live_page(home, "Kontakt", "kontakt")
        cls.german_target = live_page(home, "Service", "service")
        cls.plain_home = plain_copy(home, "Start")
        cls.plain = plain_copy(cls.german, "So erreichen Sie uns")
        cls.plain_target = plain_copy(cls.german_target, "Hilfe")

        cls.users = {}
        for role, group in ((EDITOR, REDAKTION), (TRANSLATOR, UEBERSETZUNG), (REVIEWER, FREIGABE)):
            user = get_user_model().objects.create_user(role, f"{role}@example.org", "pw")
            user.groups.add(Group.objects.get(name=group))
            cls.users[role] = user
        cls.users[SUPERUSER] = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "pw"
        )
        cls.victim = get_user_model().objects.create_user("opfer", "opfer@example.org", "pw")

        # a page waiting for approval in the moderation workflow
        cls.pending = live_page(home, "Anmeldung", "anmeldung")
        cls.pending.title = "Anmeldung (neu)"
        cls.pending.save_revision(user=cls.users[EDITOR])
        workflow_state = cls.pending.get_workflow().start(cls.pending, cls.users[EDITOR])
        cls.pending_task = workflow_state.current_task_state

        cls.image = CreditedImageFactory()
        cls.document = SizedDocumentFactory()
        cls.offer = create_offer(title="Gärtnern mit Kindern")
        cls.plain_offer = cls.offer.copy_for_translation(plain_locale)
        cls.plain_offer.title = "Gärtnern mit Kindern (Leichte Sprache)"
        cls.plain_offer.save()
        cls.provider = ProviderFactory(name="Jugendkunstschule")
        cls.synonym = Synonym.objects.create(variants="Kita, Kindertagesstätte")
        cls.query = QueryLogEntry.objects.create(
            day="2026-11-30", query="ferienpass", locale_code="de", hits=3
        )
        cls.group = Group.objects.get(name=REDAKTION)

    def setUp(self):
        # tests/conftest.py points MEDIA_ROOT at a fresh directory per test; the files of the
        # class's image and document live in the class's one
        media = override_settings(MEDIA_ROOT=MEDIA_ROOT)
        media.enable()
        self.addCleanup(media.disable)

    # --- the rows -------------------------------------------------------------------------

    def page_rows(self, page, parent, target, tree):
        """Admin page writes on one tree (German or plain language)."""
        pages = "wagtailadmin_pages:"
        new_page = {
            **standard_page_edit_form(page, title="Neue Seite", slug="neue-seite"),
            "action-publish": "action-publish",
        }
        changed = standard_page_edit_form(page, title=f"{page.title} (geändert)")
        published = {**changed, "action-publish": "action-publish"}
        return {
            f"add page ({tree})": (
                "post",
                reverse(pages + "add", args=["home", "standardpage", parent.pk]),
                new_page,
            ),
            f"edit page ({tree})": ("post", reverse(pages + "edit", args=[page.pk]), changed),
            f"publish page ({tree})": (
                "publish",
                reverse(pages + "edit", args=[page.pk]),
                published,
            ),
            f"unpublish page ({tree})": (
                "post",
                reverse(pages + "unpublish", args=[page.pk]),
                {},
            ),
            f"delete page ({tree})": ("post", reverse(pages + "delete", args=[page.pk]), {}),
            f"move page ({tree})": (
                "post",
                reverse(pages + "move_confirm", args=[page.pk, target.pk]),
                {},
            ),
        }

    def rows(self):
        offer = "wagtailsnippets_offers_offer:"
        provider = "wagtailsnippets_offers_provider:"
        synonym = "wagtailsnippets_search_synonym:"
        offer_form = {
            "external_id": "matrix-neu",
            "title": "Neu angelegt",
            "summary": "Ein Angebot, das es nicht geben dürfte.",
            "provider": str(self.provider.pk),
            "start_date": "2027-01-15",
            "topics": [str(topic.pk) for topic in self.offer.topics.all()],
            "district": str(self.offer.district_id),
            "format": self.offer.format,
        }
        csv = b"external_id,title\nx-1,Untergeschoben\n"
        rows = {
            **self.page_rows(self.german, self.german_home, self.german_target, "German"),
            **self.page_rows(self.plain, self.plain_home, self.plain_target, "plain"),
            "approve in workflow": (
                "post",
                reverse(
                    "wagtailadmin_pages:workflow_action",
                    args=[self.pending.pk, "approve", self.pending_task.pk],
                ),
                {"comment": "Passt."},
            ),
            "delete image": ("post", reverse("wagtailimages:delete", args=[self.image.pk]), {}),
            "delete document": (
                "post",
                reverse("wagtaildocs:delete", args=[self.document.pk]),
                {},
            ),
            "add German offer": ("post", reverse(offer + "add") + "?locale=de", offer_form),
            "edit German offer": (
                "post",
                reverse(offer + "edit", args=[self.offer.pk]),
                {**offer_form, "title": "Geändert"},
            ),
            "publish German offer": (
                "publish",
                reverse(offer + "edit", args=[self.offer.pk]),
                {**offer_form, "title": "Geändert", "action-publish": "action-publish"},
            ),
            "delete German offer": ("post", reverse(offer + "delete", args=[self.offer.pk]), {}),
            "edit plain offer": (
                "post",
                reverse(offer + "edit", args=[self.plain_offer.pk]),
                {**offer_form, "title": "Geändert"},
            ),
            "delete plain offer": (
                "post",
                reverse(offer + "delete", args=[self.plain_offer.pk]),
                {},
            ),
            "add provider": ("post", reverse(provider + "add"), {"name": "Neuer Träger"}),
            "edit provider": (
                "post",
                reverse(provider + "edit", args=[self.provider.pk]),
                {"name": "Umbenannt"},
            ),
            "delete provider": (
                "post",
                reverse(provider + "delete", args=[self.provider.pk]),
                {},
            ),
            "import offers": (
                "post",
                reverse("offers_import"),
                {"file": SimpleUploadedFile("angebote.csv", csv, "text/csv")},
            ),
            "add synonym": ("post", reverse(synonym + "add"), {"variants": "VHS, Volkshochschule"}),
            "edit synonym": (
                "post",
                reverse(synonym + "edit", args=[self.synonym.pk]),
                {"variants": "Kita"},
            ),
            "delete synonym": (
                "post",
                reverse(synonym + "delete", args=[self.synonym.pk]),
                {},
            ),
            "query log report": ("get", reverse("search_reports:frequent_queries"), {}),
            "zero result report": ("get", reverse("search_reports:zero_result_queries"), {}),
            "list users": ("get", reverse("wagtailusers_users:index"), {}),
            "add user": (
                "post",
                reverse("wagtailusers_users:add"),
                {
                    "username": "eindringling",
                    "email": "e@example.org",
                    "first_name": "E",
                    "last_name": "E",
                    "password1": "Ein-langes-Passwort-2026",
                    "password2": "Ein-langes-Passwort-2026",
                    "is_superuser": "on",
                    "is_active": "on",
                },
            ),
            "edit user": (
                "post",
                reverse("wagtailusers_users:edit", args=[self.victim.pk]),
                {
                    "username": "opfer",
                    "email": "boese@example.org",
                    "first_name": "O",
                    "last_name": "O",
                    "is_superuser": "on",
                    "is_active": "on",
                },
            ),
            "delete user": (
                "post",
                reverse("wagtailusers_users:delete", args=[self.victim.pk]),
                {},
            ),
            "list groups": ("get", reverse("wagtailusers_groups:index"), {}),
            "add group": ("post", reverse("wagtailusers_groups:add"), {"name": "Neue Gruppe"}),
            "edit group": (
                "post",
                reverse("wagtailusers_groups:edit", args=[self.group.pk]),
                {"name": "Umbenannt"},
            ),
            "delete group": (
                "post",
                reverse("wagtailusers_groups:delete", args=[self.group.pk]),
                {},
            ),
            "edit site settings": (
                "post",
                reverse("wagtailsettings:edit", args=["home", "sitechromesettings", self.site.pk]),
                {"office_name": "Gekapert", "email": "x@example.org"},
            ),
            "django admin": ("get", "/django-admin/", {}),
            "django admin add user": (
                "post",
                "/django-admin/auth/user/add/",
                {"username": "x", "password1": "Ein-langes-2026", "password2": "Ein-langes-2026"},
            ),
        }
        return rows

    REFUSED = {
        # everything
        ANONYMOUS: None,
        EDITOR: [
            "publish page (German)",
            "unpublish page (German)",
            "delete page (German)",
            "move page (German)",
            "publish page (plain)",
            "unpublish page (plain)",
            "delete page (plain)",
            "move page (plain)",
            "approve in workflow",
            "delete image",
            "delete document",
            "publish German offer",
            "delete German offer",
            "delete plain offer",
            "delete provider",
            "list users",
            "add user",
            "edit user",
            "delete user",
            "list groups",
            "add group",
            "edit group",
            "delete group",
            "edit site settings",
            "django admin",
            "django admin add user",
        ],
        TRANSLATOR: [
            "add page (German)",
            "edit page (German)",
            "publish page (German)",
            "unpublish page (German)",
            "delete page (German)",
            "move page (German)",
            "publish page (plain)",
            "unpublish page (plain)",
            "delete page (plain)",
            "move page (plain)",
            "approve in workflow",
            "delete image",
            "delete document",
            "add German offer",
            "edit German offer",
            "publish German offer",
            "delete German offer",
            "delete plain offer",
            "add provider",
            "edit provider",
            "delete provider",
            "import offers",
            "add synonym",
            "edit synonym",
            "delete synonym",
            "query log report",
            "zero result report",
            "list users",
            "add user",
            "edit user",
            "delete user",
            "list groups",
            "add group",
            "edit group",
            "delete group",
            "edit site settings",
            "django admin",
            "django admin add user",
        ],
        REVIEWER: [
            "list users",
            "add user",
            "edit user",
            "delete user",
            "list groups",
            "add group",
            "edit group",
            "delete group",
            "django admin",
            "django admin add user",
        ],
    }

    # Publishing where the role may edit but not publish: Wagtail saves a draft instead (and
    # answers as for a saved draft), so the check is that nothing went live. Everywhere else a
    # publish is refused like any other write.
    SAVES_DRAFT = {
        (EDITOR, "publish page (German)"),
        (EDITOR, "publish page (plain)"),
        (EDITOR, "publish German offer"),
        (TRANSLATOR, "publish page (plain)"),
    }

    # --- the checks -----------------------------------------------------------------------

    def assert_refused(self, role, name, response):
        location = urlparse(response.get("Location", "")).path
        if name.startswith("django admin"):
            self.assertEqual(response.status_code, 302, name)
            self.assertEqual(location, "/django-admin/login/", name)
        elif role == ANONYMOUS:
            self.assertEqual(response.status_code, 302, name)
            self.assertEqual(location, reverse("wagtailadmin_login"), name)
        elif response.status_code == 302:
            self.assertEqual(location, reverse("wagtailadmin_home"), name)
            messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
            self.assertIn(NO_ACCESS, messages, name)
        else:
            self.assertEqual(response.status_code, 403, name)

    def assert_not_published(self, name):
        """A publish without publish permission may save a draft, but nothing goes live."""
        for page in (self.german, self.plain):
            fresh = Page.objects.get(pk=page.pk)
            self.assertEqual(fresh.live_revision_id, page.live_revision_id, name)
            self.assertEqual(fresh.title, page.title, name)
        for offer in (self.offer, self.plain_offer):
            fresh = Offer.objects.get(pk=offer.pk)
            self.assertEqual(fresh.live_revision_id, offer.live_revision_id, name)
            self.assertEqual(fresh.title, offer.title, name)

    def check_role(self, role):
        if role != ANONYMOUS:
            self.client.force_login(self.users[role])
        rows = self.rows()
        refused = self.REFUSED[role] or list(rows)
        self.assertFalse(set(refused) - set(rows), "rows named in REFUSED but not defined")
        for name in refused:
            method, url, data = rows[name]
            with self.subTest(role=role, action=name):
                publish = (role, name) in self.SAVES_DRAFT
                before = fingerprint(drafts_allowed=publish)
                self.client.cookies.pop("messages", None)  # only this request's messages
                send = self.client.get if method == "get" else self.client.post
                response = send(url, data)
                if publish:
                    # Wagtail saves a draft instead of publishing: only nothing may go live
                    self.assertLess(response.status_code, 500, name)
                    self.assert_not_published(name)
                else:
                    self.assert_refused(role, name, response)
                self.assertEqual(fingerprint(drafts_allowed=publish), before, name)

    def test_anonymous_is_refused_every_admin_write(self):
        self.check_role(ANONYMOUS)

    def test_editor_is_refused_what_redaktion_may_not_do(self):
        self.check_role(EDITOR)

    def test_translator_is_refused_everything_but_plain_language_work(self):
        self.check_role(TRANSLATOR)

    def test_reviewer_is_refused_users_groups_and_django_admin(self):
        self.check_role(REVIEWER)

    # --- the API is read-only for everyone ------------------------------------------------

    def test_api_refuses_writes_for_every_role(self):
        urls = [
            "/api/v2/pages/",
            f"/api/v2/pages/{self.german.pk}/",
            "/api/v2/offers/",
            f"/api/v2/offers/{self.offer.pk}/",
            "/api/v2/images/",
            f"/api/v2/images/{self.image.pk}/",
            "/api/v2/documents/",
            f"/api/v2/documents/{self.document.pk}/",
        ]
        body = '{"title": "Per API geändert", "live": false}'
        for role in (ANONYMOUS, EDITOR, TRANSLATOR, REVIEWER, SUPERUSER):
            self.client.logout()
            if role != ANONYMOUS:
                self.client.force_login(self.users[role])
            for url in urls:
                for method in API_WRITES:
                    with self.subTest(role=role, method=method, url=url):
                        before = fingerprint()
                        response = getattr(self.client, method)(
                            url, body, content_type="application/json"
                        )
                        self.assertIn(response.status_code, (403, 405), response.content[:300])
                        self.assertEqual(fingerprint(), before)
