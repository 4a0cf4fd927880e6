from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("sang-kien/", views.initiative_list, name="list"),
    path("sang-kien/moi/", views.initiative_edit, name="create"),
    path("sang-kien/<int:pk>/", views.initiative_detail, name="detail"),
    path("sang-kien/<int:pk>/sua/", views.initiative_edit, name="edit"),
]
