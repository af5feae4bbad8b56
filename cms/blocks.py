from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tiêu đề")

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"
        label = "Tiêu đề"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Ảnh")
    caption = blocks.CharBlock(required=False, label="Chú thích")

    class Meta:
        icon = "image"
        template = "cms/blocks/image_block.html"
        label = "Ảnh"


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every editorial page. Rich text is sanitised by Wagtail's whitelist."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3"], label="Đoạn văn", icon="pilcrow"
    )
    image = ImageBlock()
    quote = blocks.BlockQuoteBlock(label="Trích dẫn")
