from django.urls import path

from . import views

app_name = "rulebook"

urlpatterns = [
    path("quy-dinh/", views.index, name="index"),
    path("quy-dinh/tham-so/<int:pk>/", views.parameter_edit, name="parameter_edit"),
    path("quy-dinh/he-so/<int:pk>/", views.coefficient_edit, name="coefficient_edit"),
    path("quy-dinh/luong-co-so/moi/", views.base_salary_add, name="base_salary_add"),
]
