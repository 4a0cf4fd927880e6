from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("nguoi-dung/", views.user_list, name="users"),
    path("nguoi-dung/moi/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user_detail"),
    path("nguoi-dung/<int:pk>/khoa/", views.user_toggle_active, name="user_toggle_active"),
    path("nguoi-dung/<int:pk>/vai-tro/<int:membership_pk>/thu-hoi/", views.membership_revoke, name="membership_revoke"),
]

# Names without a namespace: Django's auth settings refer to them.
auth_urlpatterns = [
    path("dang-nhap/", login_not_required(views.LoginView.as_view()), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
]
