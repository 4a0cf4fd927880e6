"""What a person meets off the map under `make run`'s settings (DEBUG off): Vietnamese 404 and 500 pages, never a
traceback, and the style sheet and scripts still served (without DEBUG Django serves no static file itself)."""

import pytest
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def test_a_mistyped_address_is_a_vietnamese_404_for_anyone(as_user):
    for client in (Client(), as_user("officer_a")):
        response = client.get("/xac-minh/KHONGCO99/")
        page = response.content.decode()
        assert response.status_code == 404
        assert "Không tìm thấy" in page and "Traceback" not in page and "Page not found" not in page


def test_static_files_are_served_without_debug(client, settings):
    assert settings.DEBUG is False
    for address in ("/static/css/app.css", "/static/js/app.js"):
        response = client.get(address)
        assert response.status_code == 200, address
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 1000, address


def _boom(request):
    raise RuntimeError("secret detail 1234")


urlpatterns = [path("boom/", _boom)]


def test_a_server_error_is_a_vietnamese_page_without_the_detail(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "secret detail" not in page and "Traceback" not in page
    assert "Lỗi" in page or "lỗi" in page
