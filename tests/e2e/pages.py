"""Opening pages in the browser tests: the viewports we check and a page that records errors."""

VIEWPORTS = {"mobile": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def open_page(browser, url, viewport, javascript=True):
    """Open ``url`` in a fresh context; returns the page and a list its console errors fill."""
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(5000)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)
    assert response.status == 200
    return page, errors
