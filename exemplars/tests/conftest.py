"""Fixtures of the exemplar tests: the small city (tdkt.testing), its media in a temporary folder, and photos made
with Pillow."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def jpeg():
    """jpeg("name.jpg") → an uploaded JPEG of a few pixels."""
    from PIL import Image

    def make(name="anh.jpg", size=(64, 48), color=(200, 80, 40)):
        buf = io.BytesIO()
        Image.new("RGB", size, color).save(buf, "JPEG")
        return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")

    return make
