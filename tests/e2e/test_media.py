"""The attack of issue #12 in a real browser: an uploaded chain.html that loads an uploaded x.js.
Signed in as a member of staff, nothing of it runs: the script is refused as a script (nosniff,
plain bytes), the page is a download (never rendered), while an image Ieum renders still shows."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError

from tests.core.test_media import CHAIN_HTML, PNG, X_JS
from tests.factories import staff_with_login

pytestmark = pytest.mark.browser

FOLDER = "performance/evidence/9"


def put(relative: str, content: bytes) -> None:
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def test_uploaded_page_and_script_never_run_as_the_site(page, login):
    put(f"{FOLDER}/chain.html", CHAIN_HTML)
    put(f"{FOLDER}/x.js", X_JS)
    put("documents/chain.html", CHAIN_HTML)
    put("documents/x.js", X_JS)
    put("original_images/card.png", PNG)
    login(page, staff_with_login(name="김민수"))

    outcome = page.evaluate(
        """async (folder) => {
            const load = (src) => new Promise((resolve) => {
                const script = document.createElement("script");
                script.src = src;
                script.onload = () => resolve("ran");
                script.onerror = () => resolve("refused");
                document.head.appendChild(script);
            });
            const frame = document.createElement("iframe");
            frame.src = `/media/${folder}/chain.html`;
            document.body.appendChild(frame);
            const image = new Image();
            image.src = "/media/original_images/card.png";
            await image.decode();
            const scripts = [await load(`/media/${folder}/x.js`), await load("/media/documents/x.js")];
            await new Promise((resolve) => setTimeout(resolve, 1000));
            let framed = "unreadable";
            try { framed = frame.contentDocument.body.innerHTML; } catch (e) {}
            return {scripts, pwned: window.__pwned !== undefined, framed, image: image.naturalWidth};
        }""",
        FOLDER,
    )
    assert outcome["scripts"] == ["refused", "refused"]
    assert outcome["pwned"] is False
    assert "<script" not in outcome["framed"]  # the page was not rendered in the frame
    assert outcome["image"] == 2  # images Ieum renders still show inline

    # Opened directly, the page is a download, never a document of the site.
    with page.expect_download() as download:
        try:
            page.goto(f"/media/{FOLDER}/chain.html")
        except PlaywrightError as error:  # navigation turned into a download
            assert "Download is starting" in str(error)
    assert download.value.suggested_filename == "chain.html"
    assert page.evaluate("window.__pwned") is None
