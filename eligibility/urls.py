from django.urls import path

from . import views

app_name = "eligibility"

urlpatterns = [
    path("xet-khen-thuong/", views.unit_eligibility, name="unit"),
    path("xet-khen-thuong/xuat-excel/", views.unit_eligibility_export, name="unit_export"),
    path("xet-khen-thuong/dua-vao-ho-so/", views.propose, name="propose"),
    path("xet-khen-thuong/chon-don-vi/", views.unit_picker, name="unit_picker"),
    path("xet-khen-thuong/du-thao/", views.unit_preview, name="preview"),
    path("xet-khen-thuong/du-thao/xuat-excel/", views.unit_preview_export, name="preview_export"),
    path("xet-khen-thuong/du-thao/tinh-lai/", views.unit_preview_recompute, name="preview_recompute"),
    path("xet-khen-thuong/du-thao/tien-do/<int:pk>/", views.unit_preview_job, name="preview_job"),
    path("can-bo/<int:pk>/thanh-tich/", views.person_achievements, name="person"),
]
