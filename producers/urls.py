from django.urls import path

from producers import office_views, views

# The producer area's own pages; config.urls adds the CMS's "tell your story" page
# (cms.producer_views) to the same namespace, since the CMS sits above this app.
producer_urls = [
    path("", views.home, name="home"),
    path("san-pham/", views.product_list, name="products"),
    path("san-pham/them/", views.product_edit, name="product-create"),
    path("san-pham/<int:pk>/", views.product_edit, name="product-edit"),
    path("san-pham/<int:pk>/anh/", views.product_image_add, name="product-image-add"),
    path("anh/<int:pk>/xoa/", views.product_image_delete, name="image-delete"),
    path("ton-kho/<int:pk>/", views.stockrecord_edit, name="stockrecord-edit"),
    path("chung-nhan/", views.certificate_list, name="certificates"),
    path("chung-nhan/nop/", views.certificate_submit, name="certificate-submit"),
    path("chung-nhan/<int:pk>/", views.certificate_detail, name="certificate-detail"),
    path("chung-nhan/<int:pk>/ban-quet/", views.certificate_scan, name="certificate-scan"),
    path("don-hang/", views.line_list, name="lines"),
    path("don-hang/<str:number>/", views.order_detail, name="order-detail"),
    path("dong-don/<int:pk>/trang-thai/", views.line_advance, name="line-advance"),
    path("dong-don/<int:pk>/thu-tien/", views.line_cash, name="line-cash"),
    path("nhap-san-pham/", views.import_list, name="imports"),
    path("nhap-san-pham/<int:pk>/", views.import_detail, name="import-detail"),
    path("nhap-san-pham/mau.<str:fmt>", views.import_template, name="import-template"),
    path("sao-ke/", views.statements, name="statements"),
    path("sao-ke/<int:year>-<int:month>.<str:fmt>", views.statement, name="statement"),
]

office_patterns = ([
    path("", office_views.queue, name="queue"),
    path("chung-nhan/", office_views.certificate_list, name="certificates"),
    path("chung-nhan/<int:pk>/", office_views.certificate_decide, name="certificate"),
    path("chung-nhan/<int:pk>/ban-quet/", office_views.certificate_scan, name="certificate-scan"),
    path("chu-the/", office_views.producer_list, name="producers"),
    path("chu-the/them/", office_views.producer_create, name="producer-create"),
    path("chu-the/<int:pk>/", office_views.producer_detail, name="producer-detail"),
    path("chu-the/<int:pk>/sao-ke/<int:year>-<int:month>.<str:fmt>", office_views.producer_statement,
         name="producer-statement"),
    path("nhat-ky/", office_views.audit_log, name="audit-log"),
], "producer_area_office")
