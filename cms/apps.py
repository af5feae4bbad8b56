from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Nội dung"

    def ready(self):
        from cms import receivers  # noqa: F401
