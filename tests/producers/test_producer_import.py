"""Bulk import: all rows or none, errors by row and column, updates by the producer's SKU."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from oscar.core.loading import get_model

from producers.importing import COLUMNS, ImportFileError, import_products
from producers.models import ProductImport
from tests.producer_support import client_for, producer_with_user

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db
HEADER = ",".join(COLUMNS)


def _csv(*rows: str, header: str = HEADER) -> io.BytesIO:
    return io.BytesIO(("\n".join([header, *rows]) + "\n").encode("utf-8"))


@pytest.fixture
def producer(reference_data):
    return producer_with_user()[0]


def test_import_creates_then_updates_by_sku(producer):
    first = import_products(producer=producer, filename="a.csv", fileobj=_csv(
        "T-1,Trà xanh,tra,120000,10,250,Trà búp", "T-2,Cà phê hạt,ca-phe-va-ca-cao,200000,5,,"))
    again = import_products(producer=producer, filename="a.csv", fileobj=_csv(
        "T-1,Trà xanh loại 1,tra,130000,8,250,Trà búp", "T-2,Cà phê hạt,ca-phe-va-ca-cao,200000,5,,"))

    assert (first.created, first.updated, again.created, again.updated) == (2, 0, 0, 2)
    assert Product.objects.filter(producer=producer).count() == 2
    stock = StockRecord.objects.get(partner=producer.partner, partner_sku="T-1")
    assert (stock.product.title, stock.price, stock.num_in_stock) == ("Trà xanh loại 1", Decimal("130000"), 8)
    assert stock.product.categories.get().slug == "tra"


@pytest.mark.parametrize("row,column", [
    ("T-1,Trà,khong-co-nhom,1000,1,,", "category"),
    ("T-1,Trà,tra,-5,1,,", "price"),
    ("T-1,Trà,tra,1000,-1,,", "stock"),
    ("T-1,Trà,tra,abc,1,,", "price"),
    ("T-1,,tra,1000,1,,", "title"),
    ("T-1," + "x" * 300 + ",tra,1000,1,,", "title"),
    ("T-1,Tr\x00a,tra,1000,1,,", "title"),
], ids=["unknown-category", "negative-price", "negative-stock", "price-not-number", "no-title",
        "over-long", "nul"])
def test_one_bad_row_imports_nothing_and_names_row_and_column(producer, row, column):
    result = import_products(producer=producer, filename="a.csv",
                             fileobj=_csv("OK-1,Trà tốt,tra,1000,1,,", row))

    assert not result.succeeded
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert not Product.objects.filter(producer=producer).exists()
    assert ProductImport.objects.get().succeeded is False


def test_duplicate_sku_in_the_file_is_an_error(producer):
    result = import_products(producer=producer, filename="a.csv",
                             fileobj=_csv("T-1,A,tra,1000,1,,", "T-1,B,tra,1000,1,,"))

    assert [(e.row, e.column) for e in result.errors] == [(3, "sku")]
    assert "dòng 2" in result.errors[0].message


@pytest.mark.parametrize("data,message", [
    (b"sku,ten\nA,B\n", "Dòng tiêu đề"),
    (HEADER.encode() + "\nT-1,Tr\xe0,tra,1,1,,\n".encode("latin-1"), "UTF-8"),
    (b"PK\x03\x04garbage", "XLSX"),
    (b"", "trống"),
], ids=["wrong-header", "not-utf8", "corrupt-xlsx", "empty"])
def test_unusable_files_give_a_clear_message(producer, data, message):
    with pytest.raises(ImportFileError, match=message):
        import_products(producer=producer, filename="x.csv", fileobj=io.BytesIO(data))


def test_more_than_10000_rows_is_refused_with_the_limit(producer):
    rows = [f"T-{i},Trà {i},tra,1000,1,," for i in range(10_001)]

    with pytest.raises(ImportFileError, match="10.000"):
        import_products(producer=producer, filename="big.csv", fileobj=_csv(*rows))
    assert not Product.objects.filter(producer=producer).exists()


def test_xlsx_import_and_downloadable_template(producer):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(COLUMNS)
    workbook.active.append(["X-1", "Mật ong rừng", "mat-ong", 300000, 12, 500, "Hũ 500 g"])
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)

    result = import_products(producer=producer, filename="a.xlsx", fileobj=out)

    assert (result.created, result.errors) == (1, [])
    assert StockRecord.objects.get(partner_sku="X-1").num_in_stock == 12


def test_upload_form_lists_errors_and_template_downloads(reference_data):
    producer, user = producer_with_user()
    client = client_for(user)
    upload = SimpleUploadedFile("a.csv", _csv("T-1,Trà,tra,-1,1,,").getvalue(), content_type="text/csv")

    response = client.post(reverse("producer_area:imports"), {"file": upload})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Giá không được âm." in html and "ocop-import-errors" in html
    template = client.get(reverse("producer_area:import-template", args=["csv"]))
    assert template.content.decode("utf-8-sig").splitlines()[0] == HEADER
    assert client.get(reverse("producer_area:import-template", args=["xlsx"])).status_code == 200
    bad = SimpleUploadedFile("a.xlsx", b"PK\x03\x04nope", content_type="application/octet-stream")
    assert "XLSX" in client.post(reverse("producer_area:imports"), {"file": bad}).content.decode()


def test_command_imports_and_reports_errors(producer, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(_csv("C-1,Trà,tra,1000,1,,").getvalue())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv("C-2,Trà,tra,-1,1,,").getvalue())
    out = io.StringIO()

    call_command("import_products", str(good), "--producer", producer.slug, stdout=out, stderr=io.StringIO())
    with pytest.raises(CommandError, match="không nhập"):
        call_command("import_products", str(bad), "--producer", producer.slug, stdout=io.StringIO(),
                     stderr=io.StringIO())

    assert "1 created" in out.getvalue()
    assert list(StockRecord.objects.filter(partner=producer.partner).values_list("partner_sku", flat=True)) == ["C-1"]


def test_importing_5000_rows_is_fast(producer):
    import time

    rows = [f"P-{i},Sản phẩm {i},tra,{1000 + i},{i % 50},{100 + i},Mô tả {i}" for i in range(5000)]
    start = time.perf_counter()

    result = import_products(producer=producer, filename="5k.csv", fileobj=_csv(*rows))

    elapsed = time.perf_counter() - start
    assert result.created == 5000
    assert elapsed < 60, elapsed


def test_import_errors_are_in_english_when_english_is_chosen(reference_data):
    from django.utils import translation

    producer, user = producer_with_user()
    client = client_for(user)
    upload = SimpleUploadedFile("a.csv", _csv("T-1,Trà,tra,-1,1,,").getvalue(), content_type="text/csv")

    with translation.override("en"):
        url = reverse("producer_area:imports")
    html = client.post(url, {"file": upload}).content.decode()

    assert "The price cannot be negative." in html
    assert not Product.objects.filter(producer=producer).exists()
