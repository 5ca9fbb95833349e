from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "taizhang.audit"
    label = "audit"
    verbose_name = _("Audit record")

    def ready(self) -> None:
        from taizhang.audit.chain import configured_algorithm

        # Fail at start-up, not at the first change: a deployment that must hash with SM3
        # cannot run on a machine whose OpenSSL lacks it.
        configured_algorithm()
