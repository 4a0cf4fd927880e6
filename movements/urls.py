from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("phong-trao/", views.movement_list, name="list"),
    path("phong-trao/cap-tren/", views.movement_inbox, name="inbox"),
    path("phong-trao/moi/", views.movement_create, name="create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="detail"),
    path("phong-trao/<int:pk>/phat-dong/", views.movement_launch, name="launch"),
    path("phong-trao/<int:pk>/chi-tieu/moi/", views.movement_target_add, name="target_add"),
    path("phong-trao/<int:pk>/chi-tieu/<int:tid>/sua/", views.movement_target_edit, name="target_edit"),
    path("phong-trao/<int:pk>/chi-tieu/<int:tid>/xoa/", views.movement_target_remove, name="target_remove"),
    path("phong-trao/<int:pk>/so-ket/moi/", views.movement_review_add, name="review_add"),
]
