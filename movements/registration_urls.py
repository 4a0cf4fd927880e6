from django.urls import path

from . import registration_views as views

app_name = "registration"

urlpatterns = [
    path("dang-ky/", views.index, name="index"),
]
