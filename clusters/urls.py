from django.urls import path

from . import views

app_name = "clusters"

urlpatterns = [
    path("cum-thi-dua/", views.cluster_list, name="list"),
    path("cum-thi-dua/moi/", views.cluster_create, name="create"),
    path("cum-thi-dua/<int:pk>/", views.cluster_detail, name="detail"),
    path("cum-thi-dua/<int:pk>/sua/", views.cluster_edit, name="edit"),
    path("cum-thi-dua/<int:pk>/tieu-chi/", views.criteria_edit, name="criteria"),
    path("cum-thi-dua/<int:pk>/cham-diem/<int:unit_pk>/", views.score_form, name="score"),
    path("cum-thi-dua/<int:pk>/bang-diem.xlsx", views.export, name="export"),
    path("cum-thi-dua/<int:pk>/minh-chung/<int:score_pk>/", views.evidence_file, name="evidence"),
    path("cum-thi-dua/<int:pk>/<str:verb>/", views.cluster_step, name="step"),
]
