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


@dataclass
class NavLink:
    label: str
    url: str
    order: int = 50


NavProvider = Callable[[object], "list[NavLink]"]
_nav_providers: list[NavProvider] = []


def register_nav(provider: NavProvider) -> NavProvider:
    """Apps add their entries to the main navigation (role-aware: the provider decides)."""
    _nav_providers.append(provider)
    return provider


def nav_links_for(request) -> list[NavLink]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return []
    links = [link for provider in _nav_providers for link in provider(request)]
    return sorted(links, key=lambda link: link.order)


PersonLinkProvider = Callable[[object, object], "NavLink | None"]
_person_link_providers: list[PersonLinkProvider] = []


def register_person_link(provider: PersonLinkProvider) -> PersonLinkProvider:
    """Apps add links to an auxiliary's record page (their credential, their assessments);
    the provider gets (request, auxiliary) and returns a link or None."""
    _person_link_providers.append(provider)
    return provider


def person_links_for(request, auxiliary) -> list[NavLink]:
    links = [link for provider in _person_link_providers if (link := provider(request, auxiliary))]
    return sorted(links, key=lambda link: link.order)
