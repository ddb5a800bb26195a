"""The hooks of every MkDocs run: the search index's segmentation, remembered between builds, is
jieba's own; templates autoescape; the page body is sanitized before it is marked safe."""

from types import SimpleNamespace

import jieba
import jinja2
import pytest
from markupsafe import Markup

from build_tools import mkdocs_build_hooks
from build_tools.s3_search import segments
from build_tools.s3_search.segments import Segments


class FakeSearch:
    def __init__(self, main, user):
        self.config = type("C", (), {"jieba_dict": str(main), "jieba_dict_user": str(user)})()


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setattr(segments, "BUILD", tmp_path)
    main, user = tmp_path / "main.txt", tmp_path / "zh-TW.txt"
    main.write_text("衢州 100 ns\n", encoding="utf-8")
    user.write_text("最多跑一次 100000 n\n", encoding="utf-8")
    return type("Config", (), {"plugins": {"material/search": FakeSearch(main, user)}})(), user


TEXT = "深化最多跑一次改革"


def test_a_remembered_cut_equals_jiebas_and_survives_a_new_process(config):
    cfg, _ = config
    first = Segments()
    first.load(cfg)
    words = list(first.cut(TEXT.encode("utf-8")))
    assert words == list(jieba.dt.cut(TEXT, HMM=False))
    first.save()
    # A later build (a new process) reads the cut from disk instead of cutting again.
    later = Segments()
    later.load(cfg)
    assert later.words == {TEXT: words} and list(later.cut(TEXT.encode("utf-8"))) == words and not later.added


def test_other_dictionaries_mean_another_file_and_the_old_one_goes(config):
    cfg, user = config
    first = Segments()
    first.load(cfg)
    list(first.cut(TEXT.encode("utf-8")))
    first.save()
    user.write_text("最多跑一次 100000 n\n深化 100000 v\n", encoding="utf-8")
    second = Segments()
    second.load(cfg)
    assert second.path != first.path and second.words == {}
    list(second.cut(TEXT.encode("utf-8")))
    second.save()
    assert sorted(p.name for p in second.path.parent.glob("segments-*")) == [second.path.name]


# --- Autoescape and the sanitized page body -------------------------------------------------

HOSTILE_TITLE = 'x<img src=x onerror=alert(1)>"'


def hooked_env(cache_dir, monkeypatch, templates: dict[str, str]) -> jinja2.Environment:
    """A Jinja environment as MkDocs makes it (no autoescape), passed through the edition's on_env."""
    monkeypatch.setattr(mkdocs_build_hooks, "CACHE", cache_dir)
    return mkdocs_build_hooks.on_env(jinja2.Environment(loader=jinja2.DictLoader(templates)), None, None)


def test_titles_and_descriptions_are_escaped_and_the_page_body_is_not(tmp_path, monkeypatch):
    env = hooked_env(tmp_path, monkeypatch, {"t.html": '<title>{{ page.title }}</title><meta content="{{ description }}">{{ page.content }}'})
    page = SimpleNamespace(title=HOSTILE_TITLE, content=Markup("<p>body</p>"))
    out = env.get_template("t.html").render(page=page, description='d" onmouseover="alert(2)')
    assert out == ('<title>x&lt;img src=x onerror=alert(1)&gt;&#34;</title>'
                   '<meta content="d&#34; onmouseover=&#34;alert(2)"><p>body</p>')


def test_bytecode_compiled_without_autoescape_is_not_reused(tmp_path, monkeypatch):
    templates = {"t.html": "<title>{{ title }}</title>"}
    # MkDocs' own environment, caching into the same folder as the build did before autoescape.
    plain = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=jinja2.FileSystemBytecodeCache(str(tmp_path)))
    assert plain.get_template("t.html").render(title="<b>") == "<title><b></title>"
    env = hooked_env(tmp_path, monkeypatch, templates)
    assert env.get_template("t.html").render(title="<b>") == "<title>&lt;b&gt;</title>"


HOSTILE_BODY = ('<h2 id="s">A &amp; B</h2><p data-para="1.1.1" data-editorial onclick="alert(1)">text<script>alert(2)</script>'
                '<img src="https://evil.example/p.png" onerror="alert(3)"><a href="java&#10;script:alert(4)">x</a></p>')


def fake_page(toc_title: str = "A &amp; B <b>c</b>", heading: str | None = "x &amp; y"):
    """Just what the hooks read of an MkDocs page: its toc, title from the first heading, body."""
    return SimpleNamespace(toc=[SimpleNamespace(title=toc_title, children=[SimpleNamespace(title="<i>d</i>", children=[])])],
                           _title_from_render=heading, content=None)


def test_the_page_body_hook_sanitizes_and_marks_safe():
    page = fake_page()
    out = mkdocs_build_hooks.on_page_content(HOSTILE_BODY, page=page, config=None, files=None)
    assert isinstance(out, Markup)
    assert out == '<h2 id="s">A &amp; B</h2><p data-para="1.1.1" data-editorial="">text<img><a>x</a></p>'
    # Titles that are HTML text come out as text, marked safe so that autoescape does not escape them twice.
    assert page.toc[0].title == Markup("A &amp; B c") and isinstance(page.toc[0].title, Markup)
    assert page.toc[0].children[0].title == Markup("d") and page._title_from_render == Markup("x &amp; y")


def test_a_page_without_a_heading_title_keeps_none():
    page = fake_page(heading=None)
    mkdocs_build_hooks.on_page_content("<p>x</p>", page=page, config=None, files=None)
    assert page._title_from_render is None


def test_the_body_is_sanitized_again_after_the_search_plugin_rewrote_it():
    page = fake_page()
    page.content = '<p>x</p><img src="x" onerror="alert(1)">'  # a plain str, as Material's search plugin leaves it
    context = {"page": page}
    assert mkdocs_build_hooks.on_page_context(context, page=page, config=None, nav=None) is context
    assert page.content == Markup('<p>x</p><img src="x">') and isinstance(page.content, Markup)


def test_the_sanitizing_hooks_run_last_and_serve_uses_them_too():
    from build_tools import mkdocs_hooks

    for name in ("on_page_content", "on_page_context", "on_env"):
        assert getattr(mkdocs_hooks, name) is getattr(mkdocs_build_hooks, name)
    assert mkdocs_build_hooks.on_page_content.mkdocs_priority == mkdocs_build_hooks.on_page_context.mkdocs_priority == -100
