from django.contrib.auth.decorators import login_not_required
from django.urls import path

from .api import api

ninja_patterns, ninja_app, ninja_namespace = api.urls
# The API answers 401 in JSON itself (django_auth): a script is not redirected to the login page.
for p in ninja_patterns:
    p.callback = login_not_required(p.callback)

urlpatterns = [path("api/", (ninja_patterns, ninja_app, ninja_namespace))]
