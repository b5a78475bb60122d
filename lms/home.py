"""Panels on the role-aware home page. Each app registers the panels it owns in its
AppConfig.ready(), so lms does not import the apps built on top of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Panel:
    template: str
    context: dict
    order: int = 50


PanelProvider = Callable[[object], "Panel | None"]
_providers: list[PanelProvider] = []


def register_panel(provider: PanelProvider) -> PanelProvider:
    _providers.append(provider)
    return provider


def panels_for(request) -> list[Panel]:
    panels = [panel for provider in _providers if (panel := provider(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
