from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    """Listed before wagtail_2fa so that its German catalogue wins."""

    name = "home.two_factor"
    label = "two_factor_de"
    verbose_name = "Zwei-Faktor-Anmeldung"

    def ready(self):
        from wagtail_2fa import views

        from home.two_factor.forms import DeviceTokenForm

        views.LoginView.form_class = DeviceTokenForm
