"""Order statuses become codes: the Vietnamese sentences stored until now are
mapped to their codes in orders and in the status history."""

from django.db import migrations

CODES = {
    "Chờ thanh toán": "pending-payment",
    "Đã thanh toán": "paid",
    "Đang giao hàng": "shipping",
    "Hoàn tất": "complete",
    "Đã hủy": "cancelled",
}


def _map(apps, mapping):
    Order = apps.get_model("order", "Order")
    StatusChange = apps.get_model("order", "OrderStatusChange")
    for old, new in mapping.items():
        Order.objects.filter(status=old).update(status=new)
        StatusChange.objects.filter(old_status=old).update(old_status=new)
        StatusChange.objects.filter(new_status=old).update(new_status=new)


def to_codes(apps, schema_editor):
    _map(apps, CODES)


def to_sentences(apps, schema_editor):
    _map(apps, {code: sentence for sentence, code in CODES.items()})


class Migration(migrations.Migration):

    dependencies = [
        ("checkout", "0002_vietnam_country"),
        ("order", "0021_billingaddress_code_shippingaddress_code"),
    ]

    operations = [migrations.RunPython(to_codes, to_sentences)]
