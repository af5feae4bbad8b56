from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from core.text import register_sqlite_fold


class ProducerAreaConfig(AppConfig):
    """The producers' own area (/nha-san-xuat/) and the program office's (/van-phong/)."""

    name = "producers"
    label = "producer_area"
    verbose_name = _("Khu vực chủ thể và văn phòng OCOP")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The office's certificate search folds diacritics in SQL (core.text.Folded).
        connection_created.connect(register_sqlite_fold, dispatch_uid="ocop_fold")
