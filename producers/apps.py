from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducerAreaConfig(AppConfig):
    """The producers' own area (/nha-san-xuat/) and the program office's (/van-phong/)."""

    name = "producers"
    label = "producer_area"
    verbose_name = _("Khu vực chủ thể và văn phòng OCOP")
    default_auto_field = "django.db.models.BigAutoField"
