import pytest

from geo.safe_html import link, safe_url, text
from tests.common import XSS_PAYLOADS


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_text_leaves_no_markup_or_template_syntax(payload):
    out = text(payload)
    for ch in "<>\"'`$":
        assert ch not in out


def test_text_of_none_and_nan():
    assert text(None) == "" and text(float("nan")) == ""


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<b>",
        "vbscript:x",
        "//evil.example/x",
        "http://",
        'https://a.example/"onmouseover=x',
        None,
        42,
    ],
)
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None


def test_http_urls_pass():
    assert safe_url("https://www.rfa.org/english/news/korea/x.html") == "https://www.rfa.org/english/news/korea/x.html"


def test_link_escapes_label_and_drops_bad_href():
    assert link("<b>x</b>", "javascript:alert(1)") == "&lt;b&gt;x&lt;/b&gt;"
    assert 'href="https://a.example/?a=1&amp;b=2"' in link("x", "https://a.example/?a=1&b=2")
