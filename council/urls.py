from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("hoi-dong/", views.meeting_list, name="list"),
    path("hoi-dong/moi/", views.meeting_create, name="create"),
    path("hoi-dong/quyet-dinh/", views.establishment_list, name="establishments"),
    path("hoi-dong/quyet-dinh/moi/", views.establishment_create, name="establishment_create"),
    path("hoi-dong/quyet-dinh/<int:pk>/", views.establishment_detail, name="establishment"),
    path("hoi-dong/quyet-dinh/<int:pk>/sua/", views.establishment_edit, name="establishment_edit"),
    path("hoi-dong/<int:pk>/", views.meeting_detail, name="detail"),
    path("hoi-dong/<int:pk>/buoc/<str:verb>/", views.meeting_step, name="step"),
    path("hoi-dong/<int:pk>/ket-thuc/", views.close_preview, name="close_preview"),
    path("hoi-dong/<int:pk>/bo-phieu/", views.ballot_cast, name="cast"),
    path("hoi-dong/<int:pk>/kiem-phieu/", views.paper_count, name="paper"),
    path("hoi-dong/<int:pk>/khong-bieu-quyet/", views.recuse, name="recuse"),
    path("hoi-dong/<int:pk>/bien-ban.docx", views.minutes, name="minutes"),
]
