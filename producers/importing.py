"""Bulk import of a producer's products from CSV or XLSX: every row validated first, then
all rows written in one transaction or none. Re-importing updates by the producer's SKU."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.freshness import catalogue_changed
from catalogue.reference import group_for
from core.text import vn_slugify
from producers.models import ProductImport
from producers.services import WEIGHT_CODE

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

COLUMNS = ["sku", "title", "category", "price", "stock", "weight_grams", "description"]
MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024
LIMITS = {"sku": 128, "title": 255, "category": 255, "description": 20000}
MAX_PRICE = Decimal("999999999")
MAX_STOCK = 1_000_000
BATCH = 1000


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, header, size)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    record: ProductImport | None = None

    @property
    def succeeded(self) -> bool:
        return not self.errors


@dataclass
class ParsedRow:
    number: int
    sku: str
    title: str
    category: object
    price: Decimal
    stock: int
    weight: int | None
    description: str


# ------------------------------------------------------------------ reading


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value).strip()


def read_rows(fileobj, filename: str) -> list[list[str]]:
    """The header and rows as text; ImportFileError for an unreadable or too large file."""
    data = fileobj.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("Tệp quá lớn: tối đa 10 MB."))
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("Tệp CSV phải mã hóa UTF-8 (lỗi ở byte %(pos)s).") % {"pos": error.start}) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append([c.strip() for c in row])
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError(_("Tệp có hơn %(n)s dòng sản phẩm; chia thành nhiều tệp.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")})
    except csv.Error as error:
        raise ImportFileError(_("Tệp CSV không đọc được: %(e)s") % {"e": error}) from None
    return rows


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError(_("Tệp có hơn %(n)s dòng sản phẩm; chia thành nhiều tệp.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")})
        workbook.close()
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError, ValueError, TypeError, OSError):
        raise ImportFileError(_("Tệp XLSX bị hỏng hoặc không phải XLSX.")) from None
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


# ------------------------------------------------------------------ validating


def _categories() -> dict[str, object]:
    index = {}
    for category in Category.objects.filter(depth=2):
        index[category.slug.lower()] = category
        index[category.name.lower()] = category
    return index


def validate(rows: list[list[str]], *, producer) -> tuple[list[ParsedRow], list[RowError]]:
    if not rows:
        raise ImportFileError(_("Tệp trống."))
    header = [h.strip().lower() for h in rows[0]]
    while header and header[-1] == "":
        header.pop()
    if header != COLUMNS:
        raise ImportFileError(_("Dòng tiêu đề phải đúng là: %(cols)s (tệp có: %(got)s).") % {
            "cols": ", ".join(COLUMNS), "got": ", ".join(header)[:300]})
    body = [r for r in rows[1:]]
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("Tệp có hơn %(n)s dòng sản phẩm; chia thành nhiều tệp.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")})
    categories = _categories()
    errors: list[RowError] = []
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(body, start=2):  # row 1 is the header
        if not any(raw):
            continue
        cells = dict(zip(COLUMNS, raw + [""] * (len(COLUMNS) - len(raw))))
        row_errors = []

        def err(column, message):
            row_errors.append(RowError(index, column, message))

        for column, value in cells.items():
            if "\x00" in value:
                err(column, _("Chứa ký tự NUL không hợp lệ."))
            elif column in LIMITS and len(value) > LIMITS[column]:
                err(column, _("Dài quá %(n)s ký tự.") % {"n": LIMITS[column]})
        if row_errors:
            errors.extend(row_errors)
            continue
        sku, title = cells["sku"], cells["title"]
        if not sku:
            err("sku", _("Thiếu mã hàng."))
        elif sku in seen:
            err("sku", _("Mã hàng trùng với dòng %(n)s.") % {"n": seen[sku]})
        else:
            seen[sku] = index
        if not title:
            err("title", _("Thiếu tên sản phẩm."))
        category = categories.get(cells["category"].lower())
        if category is None:
            err("category", _("Nhóm sản phẩm “%(c)s” không có trong sáu nhóm OCOP.") % {"c": cells["category"][:60]})
        price = None
        try:
            price = Decimal(cells["price"].replace(" ", ""))
            if not price.is_finite():
                raise InvalidOperation
            if price < 0:
                err("price", _("Giá không được âm."))
            elif price != price.to_integral_value():
                err("price", _("Giá tính bằng đồng, không có phần lẻ."))
            elif price > MAX_PRICE:
                err("price", _("Giá quá lớn."))
        except InvalidOperation:
            err("price", _("Giá phải là số."))
        stock = None
        try:
            stock = int(cells["stock"])
            if stock < 0:
                err("stock", _("Tồn kho không được âm."))
            elif stock > MAX_STOCK:
                err("stock", _("Tồn kho quá lớn."))
        except ValueError:
            err("stock", _("Tồn kho phải là số nguyên."))
        weight = None
        if cells["weight_grams"]:
            try:
                weight = int(cells["weight_grams"])
                if weight < 0:
                    err("weight_grams", _("Khối lượng không được âm."))
            except ValueError:
                err("weight_grams", _("Khối lượng phải là số nguyên (gam)."))
        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append(ParsedRow(index, sku, title, category, price.to_integral_value(), stock, weight,
                                cells["description"]))
    if not errors:
        errors.extend(_check_existing(parsed, producer=producer))
    return parsed, errors


def _existing_stockrecords(producer, skus) -> dict[str, object]:
    found = {}
    skus = list(skus)
    for start in range(0, len(skus), BATCH):
        for sr in StockRecord.objects.filter(partner_id=producer.partner_id,
                                             partner_sku__in=skus[start:start + BATCH]):
            found[sr.partner_sku] = sr
    return found


def _check_existing(parsed, *, producer) -> list[RowError]:
    errors = []
    existing = _existing_stockrecords(producer, (r.sku for r in parsed))
    for row in parsed:
        sr = existing.get(row.sku)
        if sr is not None and row.stock < (sr.num_allocated or 0):
            errors.append(RowError(row.number, "stock", _(
                "Tồn kho không được nhỏ hơn số đã đặt (%(n)s).") % {"n": sr.num_allocated}))
    return errors


# ------------------------------------------------------------------ writing


def _write(parsed: list[ParsedRow], *, producer, progress=None) -> tuple[int, int, list[int]]:
    classes = {c.slug: c for c in ProductClass.objects.all()}
    existing = _existing_stockrecords(producer, (r.sku for r in parsed))
    product_ids = {sr.product_id for sr in existing.values()}
    products = {p.pk: p for p in Product.objects.filter(pk__in=product_ids, producer=producer)}
    created = updated = 0
    touched: list[int] = []
    weights = {}
    for start in range(0, len(parsed), BATCH):
        chunk = parsed[start:start + BATCH]
        new_rows = [r for r in chunk if r.sku not in existing]
        old_rows = [r for r in chunk if r.sku in existing]
        new_products = Product.objects.bulk_create([
            Product(producer=producer, structure=Product.STANDALONE, is_public=True,
                    title=r.title, slug=vn_slugify(r.title)[:128] or "san-pham",
                    description=r.description,
                    product_class=classes[group_for(r.category).product_class])
            for r in new_rows])
        StockRecord.objects.bulk_create([
            StockRecord(product=p, partner_id=producer.partner_id, partner_sku=r.sku,
                        price_currency="VND", price=r.price, num_in_stock=r.stock)
            for p, r in zip(new_products, new_rows)])
        to_update, stock_update = [], []
        for r in old_rows:
            sr = existing[r.sku]
            product = products[sr.product_id]
            product.title, product.description = r.title, r.description
            product.product_class = classes[group_for(r.category).product_class]
            sr.price, sr.num_in_stock = r.price, r.stock
            to_update.append(product)
            stock_update.append(sr)
        if to_update:
            Product.objects.bulk_update(to_update, ["title", "description", "product_class"])
            StockRecord.objects.bulk_update(stock_update, ["price", "num_in_stock"])
        pairs = list(zip(new_products, new_rows)) + list(zip(to_update, old_rows))
        ProductCategory.objects.filter(product__in=[p for p in to_update]).delete()
        ProductCategory.objects.bulk_create(ProductCategory(product=p, category=r.category) for p, r in pairs)
        for p, r in pairs:
            weights[p.pk] = (p.product_class_id, r.weight)
            touched.append(p.pk)
        created += len(new_rows)
        updated += len(old_rows)
        if progress:
            progress(len(chunk))
    _write_weights(weights)
    return created, updated, touched


def _write_weights(weights: dict[int, tuple[int, int | None]]) -> None:
    attributes = {}
    for class_id in {c for c, _w in weights.values()}:
        attributes[class_id], _created = ProductAttribute.objects.get_or_create(
            product_class_id=class_id, code=WEIGHT_CODE,
            defaults={"name": "Khối lượng (g)", "type": ProductAttribute.INTEGER})
    ids = list(weights)
    for start in range(0, len(ids), BATCH):
        ProductAttributeValue.objects.filter(product_id__in=ids[start:start + BATCH],
                                             attribute__code=WEIGHT_CODE).delete()
    ProductAttributeValue.objects.bulk_create(
        (ProductAttributeValue(product_id=pk, attribute=attributes[class_id], value_integer=w)
         for pk, (class_id, w) in weights.items() if w is not None), batch_size=BATCH)


def import_products(*, producer, fileobj, filename: str, user=None, progress=None) -> ImportResult:
    """Validate every row, then write all of them or none. Raises ImportFileError when the
    file itself cannot be used; row errors come back in the result (nothing written)."""
    rows = read_rows(fileobj, filename)
    parsed, errors = validate(rows, producer=producer)
    result = ImportResult(rows=len(parsed) + len({e.row for e in errors}), errors=errors)
    with transaction.atomic():
        if not errors:
            result.created, result.updated, touched = _write(parsed, producer=producer, progress=progress)
            catalogue_changed(touched)
        result.record = ProductImport.objects.create(
            producer=producer, filename=filename[:255], created_by=user if getattr(user, "pk", None) else None,
            rows=result.rows, created=result.created, updated=result.updated,
            errors=[e.as_dict() for e in errors[:1000]], succeeded=not errors)
    return result


# ------------------------------------------------------------------ templates

EXAMPLE = ["NM-001", "Nước mắm cá cơm 40 độ đạm", "nuoc-mam-va-gia-vi", "150000", "20", "600",
           "Chai thủy tinh 500 ml"]


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "san-pham"
    sheet.append(COLUMNS)
    sheet.append(EXAMPLE)
    categories = workbook.create_sheet("nhom-san-pham")
    categories.append(["category", "ten"])
    for category in Category.objects.filter(depth=2).order_by("path"):
        categories.append([category.slug, category.name])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
