"""Keeps a gift combo's Oscar offer in step with the page, whatever published it (the
editor, a moderator's approval, scheduled publishing, seed_demo), and a page's translations
unpublished with it, whatever unpublished it (the editor, scheduled expiry)."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from cms.models import GiftComboPage, ProvincePage
from cms.services import combo_offer_suspend, combo_offer_sync, page_unpublish_translations
from cms.templatetags.cms_tags import PROVINCE_URLS_KEY


@receiver(page_published, sender=GiftComboPage)
def combo_published(sender, instance, **kwargs):
    # The discount belongs to the Vietnamese page; its English translation shows the same
    # products and must not add a second offer on them.
    if instance.locale.is_default:
        combo_offer_sync(instance)


@receiver(page_unpublished, sender=GiftComboPage)
def combo_unpublished(sender, instance, **kwargs):
    combo_offer_suspend(instance)


@receiver(page_unpublished)
def translations_unpublished(sender, instance, **kwargs):
    page_unpublish_translations(page=instance)


@receiver(pre_delete, sender=GiftComboPage)
def combo_deleted(sender, instance, **kwargs):
    combo_offer_suspend(instance)


@receiver(page_published, sender=ProvincePage)
@receiver(page_unpublished, sender=ProvincePage)
@receiver(pre_delete, sender=ProvincePage)
def province_pages_changed(sender, **kwargs):
    cache.delete_many([f"{PROVINCE_URLS_KEY}:{code}" for code, _name in settings.LANGUAGES])

