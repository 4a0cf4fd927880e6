from django.urls import path

from . import views

app_name = "eligibility"

urlpatterns = [
    path("xet-khen-thuong/", views.unit_eligibility, name="unit"),
    path("xet-khen-thuong/xuat-excel/", views.unit_eligibility_export, name="unit_export"),
    path("xet-khen-thuong/chon-don-vi/", views.unit_picker, name="unit_picker"),
    path("can-bo/<int:pk>/thanh-tich/", views.person_achievements, name="person"),
]
