from django.contrib.auth.models import Permission
from wagtail import hooks


@hooks.register("register_permissions")
def two_factor_permission():
    """Offer "Enable 2FA" in the group editor (wagtail-2fa offers it only with its own
    middleware class, which home.two_factor.middleware replaces)."""
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="enable_2fa")
