from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail_2fa.forms import TokenForm


class DeviceTokenForm(TokenForm):
    """wagtail-2fa's code form for django-otp 1.7.5, which no longer tries every device of a
    user but needs the device named (otp_device) so that a failed try throttles only that one.
    wagtail-2fa creates only authenticator-app (TOTP) devices and does not ask which one; with
    several, the one whose code matches is taken, the others count a failure."""

    def clean(self):
        token = self.cleaned_data.get("otp_token")
        devices = list(TOTPDevice.objects.devices_for_user(self.user, confirmed=True))
        if token and len(devices) > 1:
            for device in devices:
                if device.verify_is_allowed()[0] and device.verify_token(token):
                    self.user.otp_device = device  # the code is used up now
                    return self.cleaned_data
        if devices:
            self.cleaned_data["otp_device"] = devices[0].persistent_id
        return super().clean()
