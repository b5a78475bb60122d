"""The site's icon: /favicon.ico is the platform's own icon, linked from every page's head, so
browsers show it in tabs and bookmarks and log no 404 for it."""

from __future__ import annotations

import io

from PIL import Image

from tests.credentials.factories import credential


def test_favicon_is_served_at_the_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= set(icon.info["sizes"])


def test_every_page_links_the_icon(client, db):
    for url in ("/accounts/login/", "/verify/"):
        html = client.get(url).content.decode()
        assert '<link rel="icon" href="/favicon.ico"' in html.split("</head>")[0], url


def test_public_page_loads_in_a_browser_without_a_failed_request(phone, live_server, org):
    cred = credential(org.aux_a)
    failures: list[str] = []
    phone.on(
        "response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    phone.on("console", lambda m: failures.append(m.text) if m.type == "error" else None)
    phone.goto(f"{live_server.url}/verify/{cred.number}/")
    phone.wait_for_load_state("networkidle")
    icon = phone.evaluate(
        "fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)"
    )
    assert icon == 200
    assert failures == []
