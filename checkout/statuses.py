"""Order statuses (the values of ``OSCAR_ORDER_STATUS_PIPELINE`` in settings)."""

AWAITING_PAYMENT = "Chờ thanh toán"
PAID = "Đã thanh toán"
SHIPPING = "Đang giao hàng"
COMPLETE = "Hoàn tất"
CANCELLED = "Đã hủy"

ALL = (AWAITING_PAYMENT, PAID, SHIPPING, COMPLETE, CANCELLED)
