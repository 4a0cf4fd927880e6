from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("dang-ky/", views.index, name="index"),
    # A unit's registration: ?unit=<pk> (defaults to the user's own unit).
    path("dang-ky/<int:plan_pk>/", views.registration_form, name="form"),
    path("dang-ky/<int:plan_pk>/mau-excel/", views.registration_template, name="template"),
    path("dang-ky/<int:plan_pk>/nhap-excel/", views.registration_upload, name="upload"),
    # The standing office of the plan's level.
    path("dang-ky/<int:plan_pk>/tong-hop/", views.overview, name="overview"),
    path("dang-ky/<int:plan_pk>/tong-hop/excel/", views.overview_excel, name="overview_excel"),
    path("dang-ky/<int:plan_pk>/tong-hop/word/", views.overview_docx, name="overview_docx"),
    path("dang-ky/<int:plan_pk>/mo-lai/<int:unit_pk>/", views.reopen, name="reopen"),
    path("dang-ky/<int:plan_pk>/dong/", views.close, name="close"),
]
