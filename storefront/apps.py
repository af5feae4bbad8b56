from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    """The site shell: provincial sites and themes, languages, middleware, accounts, health,
    the daily job."""

    name = "storefront"
    label = "storefront"
    verbose_name = "Storefront"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        # Imported once the models are loaded: both name models at import.
        from cms.models import StorefrontSettings
        from storefront.sites import sites_changed

        # A site's host, root or setting changed: hosts are resolved afresh.
        for model in (StorefrontSettings, Site):
            post_save.connect(sites_changed, sender=model, dispatch_uid=f"sites-changed-{model.__name__}")
            post_delete.connect(sites_changed, sender=model, dispatch_uid=f"sites-deleted-{model.__name__}")
