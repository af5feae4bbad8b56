"""Writes of the producer area: a producer's own products, stock, images and order lines.

Every function takes the signed-in producer and refuses (DoesNotExist → 404 in views) an
object that is not the producer's, so a view cannot forget the scoping.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.freshness import catalogue_changed
from checkout.payments.methods import Method
from checkout.selectors import payment_method_of
from catalogue.reference import group_for
from core.text import vn_slugify
from producers.models import LineFulfilment, LineStatus

Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

WEIGHT_CODE = "weight"

# Forward only; a producer never moves a line back or cancels an order (the office does).
LINE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    LineStatus.NEW: (LineStatus.CONFIRMED,),
    LineStatus.CONFIRMED: (LineStatus.PACKED,),
    LineStatus.PACKED: (LineStatus.SHIPPED,),
    LineStatus.SHIPPED: (LineStatus.DELIVERED,),
    LineStatus.DELIVERED: (),
    LineStatus.CANCELLED: (),
}


def _product_class_for(category):
    return ProductClass.objects.get(slug=group_for(category).product_class)


def _set_weight(product, grams: int | None) -> None:
    if grams is None:
        ProductAttributeValue.objects.filter(product=product, attribute__code=WEIGHT_CODE).delete()
        return
    attribute, _created = ProductAttribute.objects.get_or_create(
        product_class=product.product_class, code=WEIGHT_CODE,
        defaults={"name": "Khối lượng (g)", "type": ProductAttribute.INTEGER},
    )
    ProductAttributeValue.objects.update_or_create(
        product=product, attribute=attribute, defaults={"value_integer": grams})


def product_weight(product) -> int | None:
    value = (ProductAttributeValue.objects.filter(product=product, attribute__code=WEIGHT_CODE)
             .values_list("value_integer", flat=True).first())
    return value


@transaction.atomic
def product_save(*, producer, product=None, title: str, description: str, category,
                 sku: str, price: Decimal, num_in_stock: int, weight_grams: int | None = None,
                 is_public: bool = True, title_en: str = "", description_en: str = "") -> "Product":
    """Create or edit one of ``producer``'s products with its online stock record.

    The producer is never a parameter of the form: it is the signed-in producer. The
    product goes on sale only when the one rule says so (a verified certificate).
    """
    product_class = _product_class_for(category)
    if product is None:
        product = Product(producer=producer, structure=Product.STANDALONE)
    else:
        product = Product.objects.select_for_update().get(pk=product.pk, producer=producer)
    product.title = title
    product.description = description
    product.title_en, product.description_en = title_en, description_en
    product.is_public = is_public
    product.product_class = product_class
    if not product.slug:
        product.slug = vn_slugify(title)[:128] or "san-pham"
    product.save()
    ProductCategory.objects.filter(product=product).exclude(category=category).delete()
    ProductCategory.objects.get_or_create(product=product, category=category)
    stockrecord = (StockRecord.objects.select_for_update()
                   .filter(product=product, partner_id=producer.partner_id).first())
    if stockrecord is None:
        stockrecord = StockRecord(product=product, partner_id=producer.partner_id,
                                  price_currency="VND", num_allocated=0)
    if num_in_stock < (stockrecord.num_allocated or 0):
        raise ValidationError({"num_in_stock": _(
            "Tồn kho không được nhỏ hơn số đã đặt (%(n)s).") % {"n": stockrecord.num_allocated}})
    stockrecord.partner_sku = sku
    stockrecord.price = price
    stockrecord.num_in_stock = num_in_stock
    stockrecord.save()
    _set_weight(product, weight_grams)
    catalogue_changed([product.pk])
    return product


@transaction.atomic
def product_image_add(*, producer, product, image_file, caption: str = "") -> "ProductImage":
    product = Product.objects.select_for_update().get(pk=product.pk, producer=producer)
    order = (ProductImage.objects.filter(product=product).order_by("-display_order")
             .values_list("display_order", flat=True).first())
    image = ProductImage(product=product, caption=caption[:200],
                         display_order=0 if order is None else order + 1)
    image.original.save(image_file.name, image_file, save=False)
    image.save()
    catalogue_changed([product.pk])
    return image


@transaction.atomic
def product_image_delete(*, producer, image_id: int) -> None:
    image = ProductImage.objects.select_for_update().get(pk=image_id, product__producer=producer)
    product_id = image.product_id
    image.delete()
    catalogue_changed([product_id])


def _locked_line(*, producer, line_id: int):
    return (Line.objects.select_for_update(of=("self",))
            .select_related("order").get(pk=line_id, partner_id=producer.partner_id))


@transaction.atomic
def line_advance(*, producer, user, line_id: int, to_status: str, carrier: str = "",
                 tracking_number: str = "") -> "Line":
    """Move one of the producer's lines one step forward; shipping needs carrier and tracking."""
    line = _locked_line(producer=producer, line_id=line_id)
    allowed = LINE_TRANSITIONS.get(line.status, ())
    if to_status not in allowed:
        raise ValidationError({"status": _("Không thể chuyển dòng đơn từ “%(a)s” sang “%(b)s”.") % {
            "a": LineStatus(line.status).label if line.status in LineStatus.values else line.status,
            "b": LineStatus(to_status).label if to_status in LineStatus.values else to_status}})
    fulfilment, _created = LineFulfilment.objects.get_or_create(line=line)
    if to_status == LineStatus.SHIPPED:
        errors = {}
        if not carrier.strip():
            errors["carrier"] = _("Ghi đơn vị vận chuyển.")
        if not tracking_number.strip():
            errors["tracking_number"] = _("Ghi mã vận đơn.")
        if errors:
            raise ValidationError(errors)
        fulfilment.carrier = carrier.strip()
        fulfilment.tracking_number = tracking_number.strip()
    fulfilment.updated_by = user
    fulfilment.save()
    Line.objects.filter(pk=line.pk).update(status=to_status)
    line.status = to_status
    return line


@transaction.atomic
def line_record_cash(*, producer, user, line_id: int, amount: Decimal, reference: str) -> "Line":
    """Cash the producer collected for its line of a cash-on-delivery order (once)."""
    line = _locked_line(producer=producer, line_id=line_id)
    if payment_method_of(line.order) != Method.COD:
        raise ValidationError({"amount": _("Chỉ ghi tiền thu cho đơn thanh toán khi nhận hàng.")})
    if line.status != LineStatus.DELIVERED:
        raise ValidationError({"amount": _("Ghi tiền thu sau khi đã giao hàng.")})
    fulfilment, _created = LineFulfilment.objects.get_or_create(line=line)
    if fulfilment.cash_collected is not None:
        raise ValidationError({"amount": _("Đã ghi tiền thu cho dòng này.")})
    if amount < 0:
        raise ValidationError({"amount": _("Số tiền không được âm.")})
    if not reference.strip():
        raise ValidationError({"reference": _("Ghi số phiếu thu.")})
    fulfilment.cash_collected = amount
    fulfilment.cash_reference = reference.strip()
    fulfilment.updated_by = user
    fulfilment.save()
    return line
