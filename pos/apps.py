from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PosConfig(AppConfig):
    """Tourism points of sale (/pos/) and public stamp verification (/verify/)."""

    name = "pos"
    label = "pos"
    verbose_name = _("Điểm bán du lịch và truy xuất tem OCOP")
    default_auto_field = "django.db.models.BigAutoField"
