from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("tai-khoan/", include("accounts.urls")),
    path("", include("org.urls")),
]
