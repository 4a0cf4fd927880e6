from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("don-vi/", views.unit_tree, name="unit_tree"),
    path("don-vi/moi/", views.unit_create, name="unit_create"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/cay/", views.unit_tree_children, name="unit_tree_children"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("can-bo/", views.people_list, name="people"),
    path("can-bo/chon-don-vi/", views.people_unit_picker, name="people_unit_picker"),
    path("can-bo/xuat-excel/", views.people_export, name="people_export"),
    path("can-bo/nhap-excel/", views.people_import, name="people_import"),
    path("can-bo/nhap-excel/mau.xlsx", views.people_template, name="people_template"),
    path("can-bo/nhap-excel/<int:pk>/", views.people_import_job, name="people_import_job"),
    path("nhap-excel/<int:pk>/", views.import_job, name="import_job"),
    path("nhap-excel/<int:pk>/chay-lai/", views.import_job_retry, name="import_job_retry"),
    path("can-bo/nhap-excel/ma-don-vi/", views.people_import_units, name="people_import_units"),
    path("can-bo/nhap-excel/ma-don-vi.xlsx", views.people_import_units_export, name="people_import_units_export"),
    path("can-bo/moi/", views.person_create, name="person_create"),
    path("can-bo/<int:pk>/", views.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("can-bo/<int:pk>/chuyen-don-vi/", views.person_move, name="person_move"),
]
