"""hreflang alternates between the variants, in each variant's sitemap."""

from __future__ import annotations

from pathlib import Path

from build_tools.convert import (
    VARIANTS,
)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


XHTML_NS = "http://www.w3.org/1999/xhtml"


def add_hreflang_to_sitemaps(site: Path, root_url: str) -> None:
    """hreflang alternates between the variants, in each variant's sitemap.

    They live in the sitemaps rather than in each page's <head>: Material's JavaScript fetches a
    sitemap for every <link rel="alternate"> it finds, relative to that link, which for page-level
    links would be a failing request on every page view.
    """
    import gzip
    from xml.etree import ElementTree as ET

    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    for variant in VARIANTS:
        path = site / variant.prefix / "sitemap.xml"
        tree = ET.parse(path)
        for url in tree.getroot().findall(f"{{{SITEMAP_NS}}}url"):
            loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "")
            page = loc[len(root_url + variant.prefix) :]
            for other in VARIANTS:
                ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=other.lang, href=root_url + other.prefix + page)
        data = ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True)
        path.write_bytes(data)
        (site / variant.prefix / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))
