"""Themes: ``themes/<name>/templates`` and ``themes/<name>/static/<name>/``.

The theme of the current request (its Wagtail site's setting, ``storefront.sites``) lives in
a context variable; a template is looked up in that theme, then in the default theme
(``settings.THEME``), then in the apps. Outside a request (e-mails, commands) the default
theme answers. A second theme therefore holds only what differs.
"""

import contextvars
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loaders.cached import Loader as DjangoCachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader

current_theme: contextvars.ContextVar[str | None] = contextvars.ContextVar("ocop_theme", default=None)


def available_themes(themes_dir: Path) -> list[str]:
    """Folders of ``themes_dir`` that have a ``templates/`` folder (filesystem only)."""
    if not themes_dir.is_dir():
        return []
    return sorted(p.name for p in themes_dir.iterdir() if (p / "templates").is_dir())


def check_theme(name: str, themes_dir: Path) -> str:
    """``name`` if it is a theme; otherwise stop start-up naming the themes there are."""
    themes = available_themes(themes_dir)
    if name not in themes:
        raise ImproperlyConfigured(
            f"THEME={name!r} is not a theme: no folder {themes_dir / name / 'templates'}. "
            f"Available themes: {', '.join(themes) or '(none)'}."
        )
    return name


def active_theme() -> str:
    return current_theme.get() or settings.THEME


def theme_template_dirs(theme: str) -> list[Path]:
    names = dict.fromkeys([theme, settings.THEME])  # the theme, then the default, once each
    return [Path(settings.THEMES_DIR) / name / "templates" for name in names]


class ThemeLoader(FilesystemLoader):
    """The request's theme folder, then the default theme's."""

    def get_dirs(self):
        return theme_template_dirs(active_theme())


class CachedLoader(DjangoCachedLoader):
    """Django's cached loader keys by template name only; here by theme too, so each
    theme's templates are compiled and kept separately."""

    def cache_key(self, template_name, skip=None):
        return f"{active_theme()}:{super().cache_key(template_name, skip)}"
