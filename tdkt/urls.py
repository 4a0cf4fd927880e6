from django.urls import include, path

from accounts.urls import auth_urlpatterns

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("tai-khoan/", include(auth_urlpatterns)),
    path("quan-tri/", include("accounts.urls")),
    path("", include("org.urls")),
    path("", include("eligibility.urls")),
    path("", include("records.urls")),
    path("", include("rulebook.urls")),
    path("", include("initiatives.urls")),
    path("", include("exemplars.urls")),
    path("", include("clusters.urls")),
    path("", include("reports.urls")),
    path("", include("portal.urls")),
    path("", include("plans.urls")),
    path("", include("movements.urls")),
    path("", include("registration.urls")),
    path("", include("notifications.urls")),
    path("", include("dossiers.urls")),
    path("", include("council.urls")),
    path("", include("decisions.urls")),
    path("", include("api.urls")),
    path("", include("jobs.urls")),
]
