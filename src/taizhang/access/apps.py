from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    default = True
    name = "taizhang.access"
    label = "access"
    verbose_name = _("Access")


class TaizhangAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with taizhang's site: for the bureau administrator only, signed in
    through taizhang's sign-in (lockout, two-factor)."""

    default = False
    default_site = "taizhang.access.adminsite.TaizhangAdminSite"
