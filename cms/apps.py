from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Nội dung"

    def ready(self):
        # Connected once the models are loaded: the receivers' module names them at import.
        from cms import receivers  # noqa: F401
