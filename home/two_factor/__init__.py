"""Optional two-factor login for the admin (wagtail-2fa on django-otp, TOTP apps).

An editor who adds an authenticator app in "Konto → Zwei-Faktor-Geräte" is asked for its
code at every admin login; members of a group with the permission "Enable 2FA"
(wagtailadmin.enable_2fa) must set one up before they can work. This package holds the
middleware that limits the check to the admin and the German texts wagtail-2fa lacks.
"""

import sys
import types


def _widgets_shim(name):
    # wagtail-2fa 1.8 imports UserListingButton from wagtail.users.widgets, a module Wagtail 8
    # removed; the class had become a plain alias of ListingButton (Wagtail 6), which Wagtail 8's
    # user listing hook still accepts. Resolved lazily: the app registry is not ready here.
    # Drop this once wagtail-2fa supports Wagtail 8.
    if name == "UserListingButton":
        from wagtail.admin.widgets.button import ListingButton

        return ListingButton
    raise AttributeError(name)


if "wagtail.users.widgets" not in sys.modules:
    _shim = types.ModuleType("wagtail.users.widgets")
    _shim.__getattr__ = _widgets_shim
    sys.modules["wagtail.users.widgets"] = _shim
