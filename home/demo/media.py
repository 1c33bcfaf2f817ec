"""Generated demo images (Pillow) and PDF documents (reportlab); nothing is downloaded."""

import io
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

PALETTES = [
    ((11, 61, 102), (86, 160, 211)),
    ((27, 94, 32), (139, 195, 74)),
    ((130, 45, 20), (244, 162, 97)),
    ((74, 20, 140), (186, 104, 200)),
    ((0, 96, 100), (77, 208, 225)),
    ((120, 90, 0), (255, 213, 79)),
    ((55, 71, 79), (144, 164, 174)),
    ((136, 14, 79), (240, 98, 146)),
]


def _picture(seed, width=1600, height=900):
    rng = random.Random(seed)
    dark, light = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (width, height), dark)
    draw = ImageDraw.Draw(image)
    for row in range(height):
        mix = row / height
        colour = tuple(int(dark[i] * (1 - mix) + light[i] * mix) for i in range(3))
        draw.line([(0, row), (width, row)], fill=colour)
    for _ in range(14):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(40, 220)
        shade = tuple(min(255, channel + rng.randrange(20, 90)) for channel in light)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=shade, width=8)
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.rectangle(
            [x, y, x + rng.randrange(80, 300), y + rng.randrange(40, 160)],
            fill=tuple(max(0, channel - 30) for channel in dark),
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def demo_image(title, alt_text, credit, seed):
    """Find the demo image by title or create it."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing, False
    image = model(
        title=title,
        description=alt_text,
        credit=credit,
        collection=Collection.get_first_root_node(),
    )
    filename = f"demo-{seed:02d}.jpg"
    image.file = ImageFile(io.BytesIO(_picture(seed)), name=filename)
    image.save()
    return image, True


def _pdf(title, paragraphs, table_rows):
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    story = [Paragraph(title, styles["Title"]), Spacer(1, 12)]
    for text in paragraphs:
        story.extend([Paragraph(text, styles["BodyText"]), Spacer(1, 8)])
    if table_rows:
        table = Table(table_rows)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ]
            )
        )
        story.append(table)
    SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Bildungsbüro (Demo)").build(story)
    return buffer.getvalue()


def demo_document(title, filename, paragraphs, table_rows=None):
    """Find the demo PDF by title or create it."""
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing, False
    document = model(title=title, collection=Collection.get_first_root_node())
    document.file = ContentFile(_pdf(title, paragraphs, table_rows or []), name=filename)
    document.save()
    return document, True
