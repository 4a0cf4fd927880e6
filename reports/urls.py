from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("bao-cao/", views.report, name="report"),
    path("bao-cao/excel/", views.report_excel, name="excel"),
    path("bao-cao/word/", views.report_word, name="word"),
    path("bao-cao/tinh-lai/", views.report_recompute, name="recompute"),
    path("bao-cao/tien-do/<int:pk>/", views.report_job, name="report_job"),
    path("bao-cao/hoi-nghi/", views.conference, name="conference"),
    path("bao-cao/hoi-nghi/chuong-trinh/", views.programme_word, name="programme"),
]
