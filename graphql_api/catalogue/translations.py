"""Saleor's ``translation(languageCode:)`` fields from our English columns.

The base fields are Vietnamese already, so only English has translations: ``EN`` and every
regional English (``EN_US``, ``EN_GB``…) get the English fields where they are set; any other
language, Vietnamese included, and a product with no English answer null, as Saleor does
when no translation exists. Everything is read from the object itself: no query.
"""

from graphql_api.catalogue.resolvers import editorjs
from graphql_api.common.ids import to_global_id

# Saleor's LanguageDisplay.language for the codes shops use; other English codes say "English".
ENGLISH_NAMES = {"EN": "English", "EN_US": "English (United States)",
                 "EN_GB": "English (United Kingdom)", "EN_AU": "English (Australia)"}

# The home page's featured collection (catalogue.single_collection) in English.
FEATURED_ENGLISH = {"name": "Featured products", "seoTitle": "Featured OCOP products",
                    "seoDescription": "The newest OCOP products on sale"}


def is_english(language_code: str) -> bool:
    return language_code == "EN" or language_code.startswith("EN_")


def _translation(type_name: str, pk, language_code: str, **fields) -> dict:
    return {"id": to_global_id(type_name, pk),
            "language": {"code": language_code,
                         "language": ENGLISH_NAMES.get(language_code, "English")},
            **fields}


def _content_translation(type_name: str, pk, language_code: str, name: str, description: str):
    """Saleor's product and category translations: English name (also the SEO title, as the
    base field falls back to the name) and EditorJS description; null without either."""
    if not is_english(language_code) or not (name or description):
        return None
    return _translation(type_name, pk, language_code, name=name or None,
                        description=editorjs(description), seoTitle=name or None,
                        seoDescription=None)


def product_translation(product, info, languageCode: str):
    return _content_translation("ProductTranslation", product.pk, languageCode,
                                product.title_en, product.description_en)


def variant_translation(product, info, languageCode: str):
    # Saleor's variant translation has a required name: none without an English title.
    if not is_english(languageCode) or not product.title_en:
        return None
    return _translation("ProductVariantTranslation", product.pk, languageCode,
                        name=product.title_en)


def category_translation(category, info, languageCode: str):
    return _content_translation("CategoryTranslation", category.pk, languageCode,
                                category.name_en, category.description_en)


def collection_translation(collection: dict, info, languageCode: str):
    if not is_english(languageCode):
        return None
    return _translation("CollectionTranslation", collection["slug"], languageCode,
                        description=None, **FEATURED_ENGLISH)
