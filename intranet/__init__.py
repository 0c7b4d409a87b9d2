"""Ieum's core: settings, the shared staff directory, home, surveys and the module registry."""

from .celery import app as celery_app

__all__ = ["celery_app"]
