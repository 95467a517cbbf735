"""Files for upload tests, made in memory: a PNG with GPS in its EXIF, an SVG, a PHP script."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_MARK = b"SecretCameraModel"


def png_with_exif(name="photo.png"):
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x0110] = GPS_MARK.decode()  # camera model
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 21.0)}  # GPS IFD: latitude
    out = io.BytesIO()
    image.save(out, "PNG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def jpeg(name="photo.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def svg(name="drawing.svg"):
    body = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return SimpleUploadedFile(name, body, content_type="image/svg+xml")


def php_as_jpeg(name="shell.jpg"):
    return SimpleUploadedFile(name, b"<?php system($_GET['c']); ?>", content_type="image/jpeg")


def pdf(name="letter.pdf"):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")
