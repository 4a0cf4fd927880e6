from django.urls import path

from . import views

app_name = "exemplars"

urlpatterns = [
    path("dien-hinh/", views.exemplar_list, name="list"),
    path("dien-hinh/moi/", views.exemplar_create, name="create"),
    path("dien-hinh/theo-doi/", views.board, name="board"),
    path("dien-hinh/<int:pk>/", views.exemplar_detail, name="detail"),
    path("dien-hinh/<int:pk>/sua/", views.exemplar_edit, name="edit"),
    path("dien-hinh/<int:pk>/tra-lai/", views.exemplar_return, name="return"),
    path("dien-hinh/<int:pk>/anh/", views.photo_add, name="photo_add"),
    path("dien-hinh/<int:pk>/anh/<int:photo_pk>/", views.photo_file, name="photo"),
    path("dien-hinh/<int:pk>/anh/<int:photo_pk>/xoa/", views.photo_remove, name="photo_remove"),
    path("dien-hinh/<int:pk>/<slug:step>/", views.exemplar_step, name="step"),
]
