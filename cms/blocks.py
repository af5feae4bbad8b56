from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from cms.choosers import ProductChooserBlock
from cms.selectors import product_card_state

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


def sanitise_rich_text(html: str, features=RICH_TEXT_FEATURES) -> str:
    """Wagtail's own whitelist: no script, no event attributes, no javascript: URLs.
    The admin editor already converts through it; this also covers the ORM, imports and
    the API, which write HTML the editor never saw."""
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    return EditorHTMLConverter(features=features).to_database_format(html or "")


class SafeRichTextBlock(blocks.RichTextBlock):
    def get_prep_value(self, value):
        return sanitise_rich_text(super().get_prep_value(value), self.features or RICH_TEXT_FEATURES)

    def to_python(self, value):
        return RichText(sanitise_rich_text(value, self.features or RICH_TEXT_FEATURES))


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tiêu đề")

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"
        label = "Tiêu đề"
        preview_value = {"text": "Vùng đất của nước mắm Phan Thiết"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Ảnh")
    caption = blocks.CharBlock(required=False, label="Chú thích")

    class Meta:
        icon = "image"
        template = "cms/blocks/image_block.html"
        label = "Ảnh"


class ProducerQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Lời kể")
    attribution = blocks.CharBlock(required=False, label="Người nói")

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote_block.html"
        label = "Lời chủ thể"
        preview_value = {"text": "Cá cơm phải tươi trong ngày mới làm nên giọt mắm nhĩ.",
                         "attribution": "Chủ cơ sở"}


class ProductCardBlock(blocks.StructBlock):
    """A catalogue product with its live price, stars and availability. The page loads the
    cards' products once (``card_products`` in its context); a deleted product shows as
    no longer available."""

    product = ProductChooserBlock(label="Sản phẩm", required=True)
    note = blocks.CharBlock(required=False, label="Ghi chú")

    class Meta:
        icon = "tag"
        template = "cms/blocks/product_card_block.html"
        label = "Thẻ sản phẩm"

    def get_api_representation(self, value, context=None):
        return {"note": value.get("note", ""), **product_card_state(value.get("product"))}


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every editorial page. Rich text is sanitised on the way in and out."""

    heading = HeadingBlock()
    paragraph = SafeRichTextBlock(features=RICH_TEXT_FEATURES, label="Đoạn văn", icon="pilcrow",
                                  template="cms/blocks/paragraph_block.html")
    image = ImageBlock()
    quote = ProducerQuoteBlock()
    video = EmbedBlock(label="Video", icon="media", help_text="YouTube hoặc Vimeo",
                       template="cms/blocks/video_block.html")
    product_card = ProductCardBlock()


def product_ids_in(stream) -> list[int]:
    """Ids of the products that a body's product cards name (deleted ones give None)."""
    ids = []
    for block in stream or []:
        if block.block_type == "product_card" and block.value.get("product") is not None:
            ids.append(block.value["product"].pk)
    return ids
