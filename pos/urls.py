from django.urls import path

from pos import public_views, views

counter_patterns = ([
    path("", views.counter, name="counter"),
    path("quet/", views.scan, name="scan"),
    path("them/", views.add, name="add"),
    path("dong/<int:pk>/", views.line, name="line"),
    path("moi/", views.clear, name="clear"),
    path("ban/", views.sell, name="sell"),
    path("hoa-don/<str:number>/", views.receipt, name="receipt"),
    path("hoa-don/<str:number>.pdf", views.receipt_pdf, name="receipt-pdf"),
    path("hoa-don/<str:number>/giao-ve-nha/", views.ship_home, name="ship-home"),
    path("cuoi-ngay/", views.day_summary, name="day-summary"),
    path("nhan-ke.pdf", views.shelf_labels, name="shelf-labels"),
], "pos")

verify_patterns = ([
    path("", public_views.verify_form, name="form"),
    path("<path:number>/", public_views.verify_detail, name="detail"),  # any text: our "not found" page
], "pos_verify")

public_patterns = [
    path("diem-ban/", public_views.points_of_sale, name="pos_points_of_sale"),
    path("tem-ocop.pdf", public_views.stamp_sheet, name="pos_stamp_sheet"),
]
