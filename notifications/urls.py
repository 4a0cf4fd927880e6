from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/da-doc/", views.notifications_read, name="read"),
    path("thong-bao/<int:pk>/", views.notification_open, name="open"),
]
