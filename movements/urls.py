from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="plans"),
    path("phong-trao/", views.plan_list, name="movements"),
]
