from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("cong-thong-tin/", views.home, name="home"),
    path("cong-thong-tin/phong-trao/", views.movements, name="movements"),
    path("cong-thong-tin/khen-thuong/", views.awards, name="awards"),
    path("cong-thong-tin/khen-thuong/<int:pk>/", views.decision, name="decision"),
    path("cong-thong-tin/dien-hinh/", views.stories, name="stories"),
    path("cong-thong-tin/dien-hinh/<int:pk>/", views.story, name="story"),
    path("cong-thong-tin/anh/<int:pk>/", views.story_photo, name="story_photo"),
    path("cong-thong-tin/anh/<int:pk>/nho/", views.story_photo, {"thumb": True}, name="story_thumb"),
    path("cong-thong-tin/nguoi-tot-viec-tot/", views.propose, name="propose"),
    path("cong-thong-tin/theo-doi/", views.track_lookup, name="track_lookup"),
    path("cong-thong-tin/theo-doi/<str:code>/", views.track, name="track"),
    path("de-xuat-cua-nguoi-dan/", views.office_list, name="office_list"),
    path("de-xuat-cua-nguoi-dan/<int:pk>/", views.office_detail, name="office_detail"),
    path("de-xuat-cua-nguoi-dan/<int:pk>/anh/<int:photo_pk>/", views.office_photo, name="office_photo"),
    path("de-xuat-cua-nguoi-dan/<int:pk>/<slug:step>/", views.office_step, name="office_step"),
]
