from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and scale data: ``seed_demo``, ``generate_catalog``, their figures and pictures.
    No models: it writes through the domain apps' own services."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo data"
