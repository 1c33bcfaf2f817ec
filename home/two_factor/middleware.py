import django_otp
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail_2fa.middleware import VerifyUserMiddleware


def must_use_two_factors(user):
    """Whether an administrator made two factors compulsory for this user: the permission
    "Enable 2FA" given to one of their groups or to them, deliberately not implied by
    superuser status (wagtail-2fa's has_perms check would force every superuser, the demo's
    and the tests' included)."""
    cached = getattr(user, "_must_use_two_factors", None)
    if cached is None:
        if not user.is_authenticated:
            cached = False
        elif user.is_superuser:
            # one query: superusers hold every permission, so ask for an explicit grant
            cached = (
                Permission.objects.filter(
                    content_type__app_label="wagtailadmin", codename="enable_2fa"
                )
                .filter(Q(group__user=user) | Q(user=user))
                .exists()
            )
        else:
            # no query of its own: the admin fills the user's permission caches anyway
            cached = user.has_perm("wagtailadmin.enable_2fa")
        user._must_use_two_factors = cached
    return cached


class AdminTwoFactorMiddleware(VerifyUserMiddleware):
    """wagtail-2fa's check, only where it protects something (the Wagtail and Django admins),
    optional per user: whoever has a confirmed device must give its code; whoever must use two
    factors (see above) and has none is sent to set one up. Public pages stay untouched (no
    session read, no URL resolving for visitors)."""

    prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        if not request.path_info.startswith(self.prefixes):
            return self.get_response(request)
        return super().__call__(request)

    def process_request(self, request):
        response = super().process_request(request)
        # read by wagtail-2fa's menu hook: hide the menu only from those who must verify
        request.user.enable_2fa = must_use_two_factors(request.user)
        return response

    def _require_verified_user(self, request):
        if not super()._require_verified_user(request):
            return False
        user = request.user
        return django_otp.user_has_device(user, confirmed=True) or must_use_two_factors(user)
