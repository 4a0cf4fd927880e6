from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("xep-loai/", views.ratings, name="ratings"),
    path("xep-loai/mau.xlsx", views.ratings_template, name="ratings_template"),
    path("can-bo/<int:pk>/ghi-nhan/", views.person_record, name="person_record"),
    path("can-bo/<int:pk>/khen-thuong/<int:award_pk>/xoa/", views.award_delete, name="award_delete"),
    path("can-bo/<int:pk>/khen-thuong/<int:award_pk>/huy-bo/", views.award_revoke, name="award_revoke"),
    path("don-vi/<int:pk>/ghi-nhan/", views.unit_record, name="unit_record"),
]
