import pytest

pytestmark = pytest.mark.e2e


def test_api_docs_render_the_operations_from_vendored_files(page, live_server):
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            not request.url.startswith(live_server.url)
            and not request.url.startswith("data:")
            and outside.append(request.url)
        ),
    )
    page.goto(f"{live_server.url}/api/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    assert page.get_by_text("/api/network/partnerships", exact=True).first.is_visible()
    assert page.csp_errors == []
    assert outside == []
