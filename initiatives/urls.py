from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("sang-kien/", views.initiative_list, name="list"),
    path("sang-kien/moi/", views.initiative_edit, name="create"),
    path("sang-kien/nop/", views.initiative_submit, name="submit"),
    path("sang-kien/hoi-dong/", views.council_edit, name="council"),
    path("sang-kien/chi-tieu/", views.initiative_targets, name="targets"),
    path("sang-kien/<int:pk>/", views.initiative_detail, name="detail"),
    path("sang-kien/<int:pk>/sua/", views.initiative_edit, name="edit"),
    path("sang-kien/<int:pk>/bo-sung/", views.initiative_amend, name="amend"),
    path("sang-kien/<int:pk>/buoc/<str:verb>/", views.initiative_step, name="step"),
    path("sang-kien/<int:pk>/bien-ban.docx", views.initiative_minutes, name="minutes"),
    path("sang-kien/<int:pk>/tep/<int:att>/", views.initiative_attachment, name="attachment"),
]
