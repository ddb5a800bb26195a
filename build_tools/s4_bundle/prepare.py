"""Write everything MkDocs reads for the 简体 site: generated pages, search dictionary, nav."""

from __future__ import annotations

from pathlib import Path

from build_tools import paths, registry
from build_tools.s1_load import glossary

# Defined beside write_changed, which raises it too; cli and the tests import it from here.
from build_tools.s1_load.yamlio import BuildError
from build_tools.s2_render import generate
from build_tools.s2_render.edition import Edition, load_edition
from build_tools.s3_search import cross_script
from build_tools.s3_search.jieba_dicts import jieba_dictionary
from build_tools.s3_search.material_fixes import patched_bundle, patched_search_worker
from build_tools.s4_bundle import write_docs
from build_tools.settings import BuildSettings

# The generated files under docs/ that the last run wrote (write_docs.write_changed).
MANIFEST_NAME = "generated-docs.txt"


def prepare(settings: BuildSettings, docs: Path | None = paths.DOCS, build: Path = paths.BUILD) -> tuple[Edition, dict[str, str]]:
    """Generate every page; write them under ``docs`` unless it is None (the serve hook keeps them in memory)."""
    edition, errors = load_edition()
    if errors or edition is None:
        raise BuildError(errors)
    files = generate.render_all(edition)
    files.update(open_data(edition, build))
    files["data/index.md"] = data_page(edition, settings.site_url)
    files.update(patched_search_worker(query_tables(edition, build)))
    files.update(patched_bundle())
    if docs is not None:
        write_docs.write_changed(docs, files, build / MANIFEST_NAME)
    write_if_changed(build / "jieba" / "zh-Hans.txt", jieba_dictionary(list(glossary.surface_forms(edition.entries))))
    return edition, files


def open_data(edition: Edition, build: Path) -> dict[str, str]:
    """The data files; the text of each variant comes from the same OpenCC configs."""
    from build_tools.convert import variant_configs
    from build_tools.s2_render import opendata

    return opendata.export(edition, variant_configs(build / "opencc"))


def query_tables(edition: Edition, build: Path) -> dict[str, dict[str, str]]:
    """Each variant's table for queries typed in another script (s3_search.cross_script), from the
    report's blocks and the glossary's terms and definitions as each variant prints them."""
    from build_tools.convert import convert_plain, variant_configs

    texts = [b.text for b in edition.report.blocks()] + [t for e in edition.entries for t in (e.term, *e.forms, e.definition)]
    configs = variant_configs(build / "opencc")
    return cross_script.tables({code: convert_plain(texts, cc) if cc else texts for code, cc in configs.items()}, registry.SOURCE.code)


def data_page(edition: Edition, site_url: str) -> str:
    """The open data page, in ``edition``'s variant (Edition.for_variant)."""
    from markupsafe import Markup

    from build_tools.s2_render import opendata, render

    # The hosted build links the offline bundle it serves; a local build says where its bundle is.
    bundle_url = f"{site_url.rstrip('/')}/{paths.BUNDLE_NAME}.zip" if site_url else None
    codes = Markup("、").join(Markup("`{}`").format(v.code) for v in registry.VARIANTS)
    return render.render_template(
        "data.md.j2",
        ui=edition.ctx.ui,
        files=opendata.DATA_FILES,
        sha256=edition.seed_sha256,
        bundle_url=bundle_url,
        bundle_name=paths.BUNDLE_NAME,
        variant_codes=codes,
    )


def variant_pages(edition: Edition, code: str, site_url: str, files: dict[str, str], config: str) -> dict[str, str]:
    """What a traditional variant has of its own under docs/: its generated pages before
    conversion, the interface written in its own messages and the rest in simplified (see
    convert.keep), and the open data (``files``, the simplified ones) already in its script."""
    from build_tools.s2_render import opendata

    own = edition.for_variant(code)
    pages = generate.render_all(own)
    pages["data/index.md"] = data_page(own, site_url)
    pages.update(opendata.variant_data({k: v for k, v in files.items() if k.startswith("data/")}, config))
    return pages


def write_if_changed(path: Path, content: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True
