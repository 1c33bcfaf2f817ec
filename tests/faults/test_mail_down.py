"""A form submitted while the mail server is down: the submission is stored and shown in the
admin, the visitor sees the thank-you page, and the notification stays in the outbox
(home.FormNotification) until the scheduled retry delivers it, once. The mail server is a real
SMTP server of the test's own on a free loopback port (tests/faults/services.py)."""

from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from home.models import FormNotification
from home.tasks import send_form_notifications_task
from tests.factories.pages import FormPageFactory
from tests.faults.services import SMTPServer, free_port

pytestmark = pytest.mark.django_db

MESSAGE = "Die Rampe am Eingang der Stadtbibliothek ist zu steil."


@pytest.fixture
def smtp_port(settings):
    """Mail goes over SMTP to 127.0.0.1:<port>, where nothing listens until a test starts
    its server there."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return port


@pytest.fixture
def feedback_form(home_page):
    page = FormPageFactory(
        parent=home_page,
        title="Feedback Barrierefreiheit",
        to_address="barrierefrei@example.org",
        from_address="formular@example.org",
        subject="Rückmeldung zur Barrierefreiheit",
        thank_you_text="<p>Danke für Ihre Rückmeldung.</p>",
    )
    page.form_fields.create(label="Nachricht", field_type="multiline", required=True)
    page.save_revision().publish()
    return page


def submit(client, page, capture):
    with capture(execute=True):  # the delivery attempt after the commit, as in production
        # as a browser sends it from the form page (home.security: no CSRF cookie)
        return client.post(
            page.url, {"nachricht": MESSAGE}, headers={"Origin": "http://testserver"}
        )


def decoded(message, name):
    return str(make_header(decode_header(message[name])))


def test_submission_while_mail_server_is_down_is_stored_and_thanked(
    client, admin_client, feedback_form, smtp_port, django_capture_on_commit_callbacks
):
    response = submit(client, feedback_form, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "Danke für Ihre Rückmeldung." in response.content.decode()
    submission = FormSubmission.objects.get(page=feedback_form)
    assert submission.form_data["nachricht"] == MESSAGE
    listing = admin_client.get(reverse("wagtailforms:list_submissions", args=[feedback_form.pk]))
    assert MESSAGE in listing.content.decode()
    notification = FormNotification.objects.get()
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert "refused" in notification.last_error.lower()


def test_the_retry_delivers_the_mail_once_the_server_is_back(
    client, feedback_form, smtp_port, django_capture_on_commit_callbacks
):
    submit(client, feedback_form, django_capture_on_commit_callbacks)
    assert send_form_notifications_task.delay().get() == 0  # still down: nothing sent, kept

    with SMTPServer(smtp_port) as server:
        assert send_form_notifications_task.delay().get() == 1
        assert send_form_notifications_task.delay().get() == 0  # the next run sends nothing

    assert len(server.messages) == 1
    envelope = server.messages[0]
    assert envelope["to"] == ["barrierefrei@example.org"]
    mail = message_from_bytes(envelope["data"])
    assert decoded(mail, "Subject") == "Rückmeldung zur Barrierefreiheit"
    assert mail["From"] == "formular@example.org"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert MESSAGE in mail.get_payload(decode=True).decode(mail.get_content_charset())
    assert FormNotification.objects.get().sent_at is not None


def test_a_mail_server_that_rejects_the_mail_is_no_error_for_the_visitor(
    client, feedback_form, smtp_port, django_capture_on_commit_callbacks
):
    with SMTPServer(smtp_port, reject=True) as server:
        response = submit(client, feedback_form, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "Danke für Ihre Rückmeldung." in response.content.decode()
    assert FormSubmission.objects.filter(page=feedback_form).count() == 1
    assert server.messages == []
    notification = FormNotification.objects.get()
    assert notification.sent_at is None
    assert "rejected" in notification.last_error


def test_with_the_mail_server_up_the_mail_goes_out_with_the_submission(
    client, feedback_form, smtp_port, django_capture_on_commit_callbacks
):
    with SMTPServer(smtp_port) as server:
        response = submit(client, feedback_form, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert len(server.messages) == 1
    assert FormNotification.objects.get().sent_at is not None


def test_the_beat_retries_the_outbox_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-form-notifications"]
    assert entry["task"] == send_form_notifications_task.name
    assert entry["schedule"] <= 60
