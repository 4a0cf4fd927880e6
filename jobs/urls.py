from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("xuat-excel/<int:pk>/", views.export_job, name="export"),
    path("xuat-excel/<int:pk>/tai-ve/", views.export_download, name="export_download"),
    path("xuat-excel/<int:pk>/thu-lai/", views.export_retry, name="export_retry"),
]
