"""The built site, parsed: the data-para contract, variants, no network, links, reproducibility."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import opencc
import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.convert import VARIANTS, convert_text, variant_configs
from build_tools.s4_bundle import archive, csp, site
from build_tools.settings import BuildSettings

pytestmark = pytest.mark.slow



def pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "zh-TW" not in p.relative_to(root).parts[:1] and "zh-HK" not in p.relative_to(root).parts[:1])


def variant_root(built, code: str) -> Path:
    v = next(v for v in VARIANTS if v.code == code)
    return built["site"] / v.prefix


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def report_text(el) -> str:
    el = BeautifulSoup(str(el), "lxml").find(attrs={"data-para": True})
    for editorial in el.select("[data-editorial]"):
        editorial.decompose()
    return el.get_text()


@pytest.fixture(scope="module")
def converters():
    return variant_configs()


def paras(root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for page in pages(root):
        for el in soup(page).select("[data-para]"):
            cid = el["data-para"]
            assert cid not in out, f"{cid} appears twice ({page})"
            out[cid] = report_text(el)
    return out


@pytest.mark.parametrize("code", [v.code for v in VARIANTS])
def test_every_block_is_the_report_text_after_emendations(built, edition, converters, code):
    found = paras(variant_root(built, code))
    cc = converters[code]
    expected = {cid: convert_text(t, cc) for cid, t in edition.texts.items()}
    assert found == expected


def category_page(built, entry) -> BeautifulSoup:
    """The glossary page of the entry's category (glossary/<category>.html), read once."""
    return soup(built["site"] / "glossary" / f"{entry.category}.html")


def test_every_term_links_to_its_entry_and_has_its_card(built, edition):
    """Every term link leads to its entry on its category's page (glossary/<category>.html#id),
    in the Chinese and in the English, and the page has the term's card."""
    entries = {e.id: e for e in edition.entries}
    count = 0
    targets = set()
    for page in pages(built["site"]):
        html = soup(page)
        for a in html.select("a.term[data-term]"):
            entry = entries[a["data-term"]]
            assert a["href"].endswith(f"glossary/{entry.category}.html#{entry.id}")
            # Its card on the same page: term, English and the definition, as text.
            card = html.select_one(f'.term-cards [data-card="term:{entry.id}"]')
            assert card is not None and entry.definition in card.get_text() and entry.english in card.get_text()
            target = Path(os.path.normpath(page.parent / a["href"].partition("#")[0]))
            targets.add((target, entry.id))
            # The Chinese occurrences are the glossary's concordance; the English marks them again.
            if a.find_parent(attrs={"data-para": True}) is not None:
                count += 1
    by_file: dict[Path, set[str]] = {}
    for target, entry_id in targets:
        by_file.setdefault(target, set()).add(entry_id)
    for target, ids in by_file.items():
        doc = soup(target)
        assert {i for i in ids if doc.find(id=i) is None} == set(), target
    assert count == sum(len(v) for v in edition.occurrences.values())


def test_glossary_lists_every_occurrence_with_its_count(built, edition):
    entries = {e.id: e for e in edition.entries}
    for entry_id, cids in edition.occurrences.items():
        heading = category_page(built, entries[entry_id]).find(id=entry_id)
        occ = heading.find_next("p", class_="entry-occurrences")
        assert occ.get_text().startswith(f"出现于（{len(cids)} 处）")
        assert [a.get_text() for a in occ.find_all("a")] == cids


def test_glossary_states_how_many_entries_are_unverified(built, edition):
    badges = [b for page in sorted((built["site"] / "glossary").glob("*.html")) for b in soup(page).select(".entry-meta .badge-unverified")]
    assert len(badges) == sum(e.status == "unverified" for e in edition.entries) > 0
    landing = soup(built["site"] / "glossary.html")
    assert f"其中 {len(badges)} 条标有待核实" in landing.find("h1").find_next("p").get_text()


# The glossary was one page of ~1 MB (11,900 elements, 357,000 px tall on a phone); split by category.
PAGE_LIMIT = 300 * 1024


@pytest.mark.parametrize("code", [v.code for v in VARIANTS])
def test_open_data_names_the_page_of_each_entry(built, edition, code):
    """glossary.json's page: the category page that holds the entry, in every variant."""
    root = variant_root(built, code)
    entries = json.loads((root / "data" / "glossary.json").read_text(encoding="utf-8"))["entries"]
    category = {e.id: e.category for e in edition.entries}
    assert {e["id"]: e["page"] for e in entries} == {i: f"glossary/{c}.html" for i, c in category.items()}
    for page in {e["page"] for e in entries}:
        ids = {el["id"] for el in soup(root / page).select(".glossary-entry")}
        assert ids == {e["id"] for e in entries if e["page"] == page}


def test_no_built_page_is_over_300_kb(built):
    """Every HTML page of every variant stays under 300 KB, the glossary's pages included."""
    sizes = {p.relative_to(built["site"]).as_posix(): p.stat().st_size for p in built["site"].rglob("*.html")}
    assert len([p for p in sizes if "/glossary/" in f"/{p}"]) >= 3 * 11
    assert {p: s for p, s in sizes.items() if s > PAGE_LIMIT} == {}


def test_script_free_pages_and_no_network(built):
    for page in built["site"].rglob("*.html"):
        doc = soup(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in doc.find_all(tag):
                url = el.get(attr, "")
                if tag == "link" and el.get("rel") and "canonical" in el.get("rel"):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{page}: {tag} loads {url}"
    for css in built["site"].rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_only_the_glossary_goes_without_materials_tooltips(built):
    # overrides/main.html drops content.tooltips from the glossary pages' __config (a phone's main
    # thread, #15); every other page keeps it, and the config stays JSON Material can read.
    for v in VARIANTS:
        for name, tooltips in (("glossary.html", False), ("glossary/reform.html", False), ("terms.html", True), ("2/4.html", True)):
            config = json.loads(soup(variant_root(built, v.code) / name).find("script", id="__config").string)
            assert ("content.tooltips" in config["features"]) is tooltips, (v.code, name)
            assert "toc.follow" in config["features"] and config["search"]


def test_a_kind_of_page_loads_its_own_assets_and_no_other_page_does(built):
    """The glossary's script and stylesheet and the numbers' stylesheet are on their pages only
    (front matter `assets:`, overrides/main.html), and resolve to files of the site."""
    own = {"glossary.html": {"glossary.css", "glossary.js"}, "glossary/reform.html": {"glossary.css", "glossary.js"}, "terms.html": {"glossary.css", "glossary.js"}}
    own |= {"numbers.html": {"numbers.css"}, "2/4.html": set(), "index.html": set(), "about.html": set()}
    for v in VARIANTS:
        for name, expected in own.items():
            page = variant_root(built, v.code) / name
            doc = soup(page)
            urls = [el.get("href") for el in doc.find_all("link", rel="stylesheet")] + [el.get("src") for el in doc.find_all("script") if el.get("src")]
            mine = {u.rsplit("/", 1)[-1] for u in urls if u.rsplit("/", 1)[-1] in {"glossary.css", "glossary.js", "numbers.css"}}
            assert mine == expected, (v.code, name, mine)
            for url in urls:
                assert (page.parent / url).resolve().is_file(), (v.code, name, url)


def test_html_lang_per_variant(built):
    for v in VARIANTS:
        assert soup(variant_root(built, v.code) / "index.html").html["lang"] == v.lang


def visible_text(page: Path) -> str:
    doc = soup(page)
    # Text marked as simplified is so on purpose (a glossary term's simplified form, the name
    # 简体 in the switcher); scripts and styles are not text.
    # Japanese and English are not Chinese; a form the house style names but does not use (about
    # page) is marked translate="no".
    for keep in doc.select('body [lang="zh-Hans"], body [lang="ja"], body [lang="en"], body [translate="no"], script, style'):
        keep.decompose()
    return doc.get_text()


@pytest.mark.parametrize("code", ["zh-TW", "zh-HK"])
def test_no_simplified_only_character_in_traditional_variants(built, converters, code):
    s2t = opencc.OpenCC("s2t")
    # Characters that OpenCC changes on their own are simplified forms, except those that the
    # phrase-aware conversion keeps in context (龍游, 公里, 批准): those are traditional too.
    simplified_site = "\n".join(visible_text(p) for p in pages(built["site"]))
    changing = {c for c in set(simplified_site) if s2t.convert(c) != c}
    kept_in_context = set(convert_text(simplified_site, converters[code])) & changing
    suspects = changing - kept_in_context
    found = {}
    for page in variant_root(built, code).rglob("*.html"):
        bad = set(visible_text(page)) & suspects
        if bad:
            found[str(page.relative_to(built["site"]))] = "".join(sorted(bad))
    assert len(suspects) > 500  # the check has teeth: 这、们、发… are all suspects
    assert found == {}


def search_tokens(root: Path) -> set[str]:
    raw = (root / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(raw.removeprefix("var __index = "))
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    return set(re.split(r"[\s\u200b\u3000\-、。，．？！；“”「」<>/]+", text))


def test_each_variant_search_index_keeps_glossary_terms_whole(built):
    # jieba segments the index; the glossary feeds its dictionary so a term is one token.
    for code, terms in (("zh-Hans", ["最多跑一次", "两山", "八八战略"]), ("zh-TW", ["最多跑一次", "兩山", "八八戰略"]), ("zh-HK", ["最多跑一次", "兩山"])):
        tokens = search_tokens(variant_root(built, code))
        assert all(t in tokens for t in terms), (code, [t for t in terms if t not in tokens])


def test_traditional_indexes_are_segmented_into_words_like_the_simplified_one(built):
    # jieba's dictionary is simplified; the traditional variants use a converted copy, so their
    # ordinary words are tokens too rather than single characters.
    words = {"zh-Hans": ["数字", "经济", "目标", "营商"], "zh-TW": ["數字", "經濟", "目標", "營商"], "zh-HK": ["數字", "經濟", "目標", "營商"]}
    for code, expected in words.items():
        tokens = search_tokens(variant_root(built, code))
        assert all(w in tokens for w in expected), (code, [w for w in expected if w not in tokens])
    han = re.compile(r"^[\u3400-\u9fff]+$")
    share = {code: sum(len(t) > 1 for t in search_tokens(variant_root(built, code)) if han.match(t)) for code in words}
    assert share["zh-TW"] > 0.9 * share["zh-Hans"] and share["zh-HK"] > 0.9 * share["zh-Hans"], share


@pytest.mark.parametrize("where", ["site", "bundle"])
def test_internal_links_and_anchors_resolve(built, bundle, hosted_env, where):
    """A link check over every variant, anchors included: every href and src of every page, in the
    site and in the offline bundle as unzipped (whose pages link the hosted site's data files
    instead of shipping them, archive.py), leads to a file that is there."""
    root = built["site"] if where == "site" else bundle
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {el["id"] for el in soup(path).find_all(id=True)}
        return ids[path]

    broken = []
    checked = 0
    for page in root.rglob("*.html"):
        html = soup(page)
        for el, attribute in [(el, "href") for el in html.find_all(href=True)] + [(el, "src") for el in html.find_all(src=True)]:
            href = el[attribute]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            if parts.path.startswith("/"):
                # The 404 page is served at any depth, so its links are root-relative.
                assert page.name == "404.html", f"{page}: root-relative link {href}"
                prefix = urlsplit(hosted_env["SITE_URL"]).path
                assert parts.path.startswith(prefix), f"{page}: {href} is outside the site"
                target = (root / unquote(parts.path).removeprefix(prefix)).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_relative_to(root.resolve()) or not target.exists():
                broken.append(f"{page.relative_to(root)}: {href}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{page.relative_to(root)}: {href} (no anchor)")
    assert broken == []
    assert checked > 10_000


def test_two_builds_are_byte_identical(built, hosted_env, tmp_path):
    # With the settings of the first (hosted) build, and the same commit date.
    epoch = zipfile.ZipFile(built["zip"]).infolist()[0].date_time
    site.build(BuildSettings(site_url=hosted_env["SITE_URL"], repo_url=hosted_env["REPO_URL"], site=tmp_path / "site", dist=tmp_path / "dist",
                             source_date_epoch=int(__import__("calendar").timegm((*epoch, 0, 0, 0)))))
    assert (tmp_path / "dist" / built["zip"].name).read_bytes() == built["zip"].read_bytes()
    first = {p.relative_to(built["site"]): p.read_bytes() for p in built["site"].rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def repo_copy(tmp_path: Path) -> Path:
    root = Path(__file__).resolve().parents[3]
    copy = tmp_path / "repo"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".venv", ".git", "site", "dist", "build", "__pycache__"))
    return copy


def test_a_strict_mkdocs_warning_fails_the_build(tmp_path):
    # A broken link in a hand-written page is a warning, and --strict must make it fatal.
    copy = repo_copy(tmp_path)
    # A hand-written page (docs/ holds generated ones and the hand-written assets).
    (copy / "docs" / "hand-written.md").write_text("# 手写页\n\n[断链](no-such-page.md)\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=copy, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "no-such-page.md" in proc.stderr and not (copy / "site").exists()


def test_a_failed_build_leaves_site_and_dist_untouched(tmp_path):
    copy = repo_copy(tmp_path)
    for folder in ("site", "dist"):
        (copy / folder).mkdir()
        (copy / folder / "marker.txt").write_text("previous build", encoding="utf-8")
    entry = copy / "seeds" / "glossary" / "zuiduo-paoyici.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("definition:", "definition: <script>x</script>", 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=copy, capture_output=True, text=True)
    assert proc.returncode == 1
    assert re.search(r"seeds/glossary/zuiduo-paoyici\.yaml:\d+: definition: HTML or other markup is not allowed", proc.stderr)
    for folder in ("site", "dist"):
        assert [p.name for p in (copy / folder).iterdir()] == ["marker.txt"]


ROOT = Path(__file__).resolve().parents[3]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def staging_folders() -> list[Path]:
    from build_tools import paths

    return sorted(paths.BUILD.glob("staging*"))


def previous_build(out: Path) -> dict[str, dict[str, bytes]]:
    for folder in ("site", "dist"):
        (out / folder / "2").mkdir(parents=True)
        (out / folder / "2" / "4.html").write_bytes(f"previous {folder}".encode())
    return {folder: snapshot(out / folder) for folder in ("site", "dist")}


def fake_mkdocs(config: Path, epoch: int) -> None:
    # Stands in for MkDocs (seconds per variant): a one-page site in the config's site_dir, with
    # the policy the build hook would give it, so that it passes the gate.
    site_dir = config.parent / yaml.safe_load(config.read_text(encoding="utf-8"))["site_dir"]
    site_dir.mkdir(parents=True, exist_ok=True)
    page = f'<!doctype html><html><head><meta charset="utf-8"></head><body>new {config.parent.name}</body></html>'
    (site_dir / "index.html").write_text(csp.inject(page, "."), encoding="utf-8")


def fail_in_mkdocs(monkeypatch, out: Path) -> type[BaseException]:
    def fail_for_zh_tw(config: Path, epoch: int) -> None:
        if config.parent.name == "zh-TW":
            raise site.MkDocsFailed(f"mkdocs build failed for {config}")
        fake_mkdocs(config, epoch)

    monkeypatch.setattr(site, "run_mkdocs", fail_for_zh_tw)
    return site.MkDocsFailed


def fail_in_zip(monkeypatch, out: Path) -> type[BaseException]:
    def disk_full(*args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(site, "zip_folder", disk_full)
    return OSError


def fail_moving_dist_in(monkeypatch, out: Path) -> type[BaseException]:
    rename = Path.rename

    def failing(self: Path, target):
        if Path(target) == out / "dist" and self.name == "dist":  # the new dist/, from staging
            raise OSError(5, "Input/output error")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    return OSError


@pytest.mark.parametrize("failure", [fail_in_mkdocs, fail_in_zip, fail_moving_dist_in])
def test_a_build_failing_midway_leaves_the_previous_pair_and_nothing_else(tmp_path, monkeypatch, failure):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(site, "run_mkdocs", fake_mkdocs)
    out = tmp_path / "out"
    before, status = previous_build(out), git_status()
    expected = failure(monkeypatch, out)
    with pytest.raises(expected):
        site.build(BuildSettings(site=out / "site", dist=out / "dist"))
    assert {folder: snapshot(out / folder) for folder in ("site", "dist")} == before
    # Nothing beside them (no site.old/), no staging folder left, nothing new for git.
    assert sorted(p.name for p in out.iterdir()) == ["dist", "site"]
    assert staging_folders() == []
    assert git_status() == status


def test_a_build_replaces_site_and_dist_and_leaves_nothing_else(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(site, "run_mkdocs", fake_mkdocs)
    out = tmp_path / "out"
    previous_build(out)
    status = git_status()
    site.build(BuildSettings(site=out / "site", dist=out / "dist"))
    built = snapshot(out / "site")
    assert sorted(built) == ["index.html", "zh-HK/index.html", "zh-TW/index.html"]
    assert [f"new {code}</body>".encode() in built[name] for name, code in (("index.html", "zh-Hans"), ("zh-TW/index.html", "zh-TW"), ("zh-HK/index.html", "zh-HK"))] == [True] * 3
    with zipfile.ZipFile(out / "dist" / f"{site.BUNDLE_NAME}.zip") as zf:
        assert zf.testzip() is None and len(zf.namelist()) == 3
    assert sorted(p.name for p in out.iterdir()) == ["dist", "site"]
    assert staging_folders() == []
    assert git_status() == status


def staged_pair(tmp_path: Path) -> tuple[dict[Path, Path], dict[str, dict[str, bytes]]]:
    """Old site/ and dist/ in out/, new ones in staging/; what each folder holds."""
    for where, label in (("out", "old"), ("staging", "new")):
        for folder in ("site", "dist"):
            (tmp_path / where / folder).mkdir(parents=True)
            (tmp_path / where / folder / "index.html").write_text(f"{label} {folder}", encoding="utf-8")
    pairs = {tmp_path / "out" / f: tmp_path / "staging" / f for f in ("site", "dist")}
    return pairs, {str(p.relative_to(tmp_path)): snapshot(p) for p in [*pairs, *pairs.values()]}


# The four renames: old site aside, new site in, old dist aside, new dist in.
@pytest.mark.parametrize("failing", [0, 1, 2, 3])
def test_swap_rolls_back_to_the_old_pair_when_a_rename_fails(tmp_path, monkeypatch, failing):
    pairs, before = staged_pair(tmp_path)
    rename, calls = Path.rename, []

    def flaky(self: Path, target):
        calls.append((self, target))
        if len(calls) == failing + 1:
            raise OSError(18, "Invalid cross-device link")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", flaky)
    with pytest.raises(OSError, match="cross-device"):
        site.swap_in(pairs, tmp_path / "build" / "old")
    assert {str(p.relative_to(tmp_path)): snapshot(p) for p in [*pairs, *pairs.values()]} == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dist", "site"]
    assert not (tmp_path / "build" / "old").exists()


def test_an_old_copy_that_cannot_be_moved_back_is_kept_and_named(tmp_path, monkeypatch):
    pairs, before = staged_pair(tmp_path)
    rename = Path.rename

    def full_disk_at_dist(self: Path, target):
        # Moving the new dist/ in fails, and so does moving the old dist/ back.
        if Path(target) == tmp_path / "out" / "dist":
            raise OSError(5, "Input/output error")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", full_disk_at_dist)
    with pytest.raises(OSError) as caught:
        site.swap_in(pairs, tmp_path / "build" / "old")
    kept = tmp_path / "build" / "old" / "1-dist"
    assert caught.value.__notes__ == [f"could not move {kept} back to {tmp_path / 'out' / 'dist'} ([Errno 5] Input/output error); it is kept there until the next build"]
    assert snapshot(kept) == before["out/dist"] and snapshot(tmp_path / "out" / "site") == before["out/site"]


def test_swap_puts_the_old_pair_under_build_not_beside_it_and_removes_it(tmp_path, monkeypatch):
    pairs, before = staged_pair(tmp_path)
    rename, moved = Path.rename, []
    monkeypatch.setattr(Path, "rename", lambda self, target: moved.append(Path(target).relative_to(tmp_path).as_posix()) or rename(self, target))
    site.swap_in(pairs, tmp_path / "build" / "old")
    assert moved == ["build/old/0-site", "out/site", "build/old/1-dist", "out/dist"]
    assert snapshot(tmp_path / "out" / "site") == before["staging/site"]
    assert snapshot(tmp_path / "out" / "dist") == before["staging/dist"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dist", "site"]
    assert list((tmp_path / "build").iterdir()) == []
    # A first build has no old pair to move aside.
    site.swap_in({tmp_path / "new" / "site": tmp_path / "out" / "site"}, tmp_path / "build" / "old2")
    assert snapshot(tmp_path / "new" / "site") == before["staging/site"]


def wait_for_lock_holder(pid: int, timeout: float = 120) -> None:
    from build_tools import paths
    from build_tools.s4_bundle import buildlock

    deadline = time.monotonic() + timeout
    lock = paths.BUILD / buildlock.LOCK_NAME
    while not (lock.exists() and lock.read_text(encoding="utf-8").strip() == str(pid)):
        assert time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.05)


def test_two_concurrent_builds_both_succeed_one_after_the_other(tmp_path):
    code = "import sys; from pathlib import Path; from build_tools.s4_bundle import site; from build_tools.settings import BuildSettings; site.build(BuildSettings(site=Path(sys.argv[1]) / 'site', dist=Path(sys.argv[1]) / 'dist'))"
    status = git_status()
    first = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "a")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The second starts once the first holds the lock, so that it must wait.
    wait_for_lock_holder(first.pid)
    second = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "b")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(p, *p.communicate(timeout=600)) for p in (first, second)]
    for proc, _, err in results:
        assert proc.returncode == 0, err
    assert f"waiting for another build (pid {first.pid}) …" in results[1][2]
    for out in (tmp_path / "a", tmp_path / "b"):
        files = {p.relative_to(out / "site").as_posix() for p in (out / "site").rglob("*") if p.is_file()}
        assert {"index.html", "2/4.html", "zh-TW/2/4.html", "zh-HK/2/4.html", "search/search_index.js"} <= files
        with zipfile.ZipFile(out / "dist" / f"{site.BUNDLE_NAME}.zip") as zf:
            assert zf.testzip() is None
            names = {n.removeprefix(f"{site.BUNDLE_NAME}/") for n in zf.namelist()}
        # All of the site but the HTTP-only search indexes (archive.HOSTED_ONLY).
        assert names == {f for f in files if archive.offline(f)} - {f"{site.BUNDLE_NAME}.zip"}
        assert "search/search_index.json" in files
    assert snapshot(tmp_path / "a" / "site") == snapshot(tmp_path / "b" / "site")
    assert staging_folders() == []
    assert git_status() == status


def test_generating_docs_waits_for_a_running_build(tmp_path):
    import threading

    from build_tools import paths
    from build_tools.s4_bundle import buildlock

    with buildlock.exclusive(paths.BUILD):
        docs = subprocess.Popen([sys.executable, "-m", "build_tools", "docs"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        first_line: list[str] = []
        reader = threading.Thread(target=lambda: first_line.append(docs.stderr.readline()))
        reader.start()
        reader.join(120)
        # It says whom it waits for, and cannot finish while the lock is held.
        assert first_line == [f"waiting for another build (pid {os.getpid()}) …\n"] and docs.poll() is None
    _, rest = docs.communicate(timeout=300)
    assert docs.returncode == 0, rest


def test_a_file_of_ones_own_in_a_generated_folder_stops_the_build_and_is_kept(tmp_path):
    copy = repo_copy(tmp_path)
    mine = copy / "docs" / "1" / "notes-mine.md"
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text("# 我的笔记\n", encoding="utf-8")
    (copy / "docs" / "index.md").unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=copy, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "docs/1/notes-mine.md:1: not a generated file; generated folders are rewritten by the build — move it out\n" in proc.stderr
    assert "1 problem(s); nothing was written." in proc.stderr
    # Kept, and nothing written: the generated index page is still missing, no site/ was made.
    assert mine.read_text(encoding="utf-8") == "# 我的笔记\n"
    assert not (copy / "docs" / "index.md").exists() and not (copy / "site").exists()


def test_an_override_adding_a_script_fails_the_gate_and_leaves_site_and_dist_untouched(tmp_path):
    # overrides/ comes from pull requests: a template that adds an inline script or an event
    # handler builds, but the post-build gate stops it before anything is swapped in.
    copy = repo_copy(tmp_path)
    for folder in ("site", "dist"):
        (copy / folder).mkdir()
        (copy / folder / "marker.txt").write_text("previous build", encoding="utf-8")
    main = copy / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + '{% block footer %}{{ super() }}<script>alert(1)</script><img src="x.png" onerror="alert(2)">{% endblock %}\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=copy, capture_output=True, text=True)
    assert proc.returncode == 1
    assert re.search(r"^zh-TW/2/4\.html:\d+: inline script not allowed by the policy: 'alert\(1\)'$", proc.stderr, re.M), proc.stderr[-2000:]
    assert re.search(r"^index\.html:\d+: <img> has an event handler attribute onerror$", proc.stderr, re.M)
    for folder in ("site", "dist"):
        assert [p.name for p in (copy / folder).iterdir()] == ["marker.txt"]


def test_ledger_numbers_in_the_text_link_to_their_rows(built, edition):
    table = soup(built["site"] / "numbers.html")
    rows = {tr["id"][2:] for tr in table.select("#ledger-table tbody tr")}
    assert rows == {r.id for r in edition.ledger}
    links = [a for page in pages(built["site"]) for a in soup(page).select("a.num[data-ledger]")]
    assert len(links) >= 150
    for a in links:
        assert a["data-ledger"] in rows and a["href"].endswith(f"numbers.html#n-{a['data-ledger']}")
    chart = table.select_one("svg.ledger-chart")
    assert chart["role"] == "img" and chart.find("desc").get_text().count("2020年目标") >= 8


@pytest.mark.parametrize("name", ["report", "glossary", "notes", "ledger"])
def test_published_data_validates_against_its_schema(built, name):
    data = json.loads((built["site"] / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((built["site"] / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []
    # The schema is not a blank cheque: a record with a field missing fails.
    key = next(k for k, v in data.items() if isinstance(v, list))
    broken = dict(data, **{key: [{k: v for k, v in data[key][0].items() if k != "id" and k != "cid" and k != "para"}]})
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken))


def test_report_data_text_equals_the_pages_text(built):
    report = json.loads((built["site"] / "data" / "report.json").read_text(encoding="utf-8"))
    for v in VARIANTS:
        on_pages = paras(variant_root(built, v.code))
        assert {b["cid"]: b["text"][v.code] for b in report["blocks"]} == on_pages
    for b in report["blocks"]:
        page = soup(built["site"] / b["page"])
        assert page.find(id=b["anchor"])["data-para"] == b["cid"]


def test_data_undoes_to_the_seed(built):
    from build_tools import paths

    report = json.loads((built["site"] / "data" / "report.json").read_text(encoding="utf-8"))
    assert "".join(b["source"] for b in report["blocks"]).replace("\n", "") == paths.SEED_TEXT.read_text(encoding="utf-8").replace("\n", "")


def test_csv_files_parse_with_their_headers(built):
    import csv

    expected = {
        "report.csv": ["cid", "kind", "page", "text_zh-Hans", "text_zh-TW", "text_zh-HK", "en", "en_status"],
        "emendations.csv": ["cid", "rule", "before", "after", "reason"],
        "glossary.csv": ["id", "term", "simplified", "forms", "category", "level", "pinyin", "english", "definition", "status", "occurrences"],
        "ledger.csv": ["id", "para", "indicator", "value", "printed", "unit", "comparison", "year", "kind", "counterpart", "headline", "quote", "note"],
    }
    for name, header in expected.items():
        with open(built["site"] / "data" / name, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == header and len(rows) > 5 and all(len(r) == len(header) for r in rows)


def test_hosted_metadata_canonical_og_and_hreflang(built, hosted_env):
    from xml.etree import ElementTree as ET

    root = hosted_env["SITE_URL"]
    for v in VARIANTS:
        page = soup(variant_root(built, v.code) / "2" / "4.html")
        assert page.find("link", rel="canonical")["href"] == f"{root}{v.prefix}2/4.html"
        assert page.find("meta", property="og:url")["content"] == f"{root}{v.prefix}2/4.html"
        assert page.find("meta", property="og:title")["content"] and page.find("meta", attrs={"name": "description"})["content"]
        sitemap = ET.parse(variant_root(built, v.code) / "sitemap.xml").getroot()
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
        url = next(u for u in sitemap.findall("s:url", ns) if u.find("s:loc", ns).text.endswith("/2/4.html"))
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        assert alternates == {w.lang: f"{root}{w.prefix}2/4.html" for w in VARIANTS}


def test_edit_links_lead_to_seeds_never_to_generated_markdown(built, hosted_env):
    repo = hosted_env["REPO_URL"]
    for page in pages(built["site"]):
        for a in soup(page).select("a[rel=edit]"):
            target = a["href"].removeprefix(repo)
            assert target.startswith(("/edit/main/seeds/", "/tree/main/seeds/", "/edit/main/build_tools/", "/edit/main/docs/about.md", "/edit/main/CONTRIBUTING.md")), (page, target)
    entry = soup(built["site"] / "glossary" / "reform.html").select_one('a.entry-edit[data-edit-path="seeds/glossary/zuiduo-paoyici.yaml"]')
    assert entry is not None


def test_root_config_builds_strictly_as_mkdocs_serve_uses_it(tmp_path):
    # Editors run `mkdocs serve` on mkdocs.yml, whose hook generates the pages in memory.
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "WARNING  -" not in proc.stderr  # MkDocs log lines; not the NO_MKDOCS_2_WARNING banner
    assert (tmp_path / "out" / "2" / "4.html").exists() and (tmp_path / "out" / "glossary.html").exists()
    assert (tmp_path / "out" / "glossary" / "reform.html").exists()


def test_hosted_site_serves_the_offline_bundle_its_data_page_links(built, hosted_env):
    served = built["site"] / built["zip"].name
    assert served.read_bytes() == built["zip"].read_bytes()
    with zipfile.ZipFile(built["zip"]) as zf:
        assert not [n for n in zf.namelist() if n.endswith(".zip")], "the bundle must not contain a bundle"
    url = hosted_env["SITE_URL"] + built["zip"].name
    for v in VARIANTS:
        data_page = soup(variant_root(built, v.code) / "data" / "index.html")
        assert url in [a["href"] for a in data_page.select("#offline ~ p a[href]")]


def test_conversion_corrections_are_listed_in_their_own_forms_in_every_variant(built):
    from build_tools.s1_load.overrides import load_overrides

    overrides, _ = load_overrides()
    for v in VARIANTS:
        rows = soup(variant_root(built, v.code) / "emendations.html").select("table.conversion-overrides tbody tr")
        got = [[td.get_text() for td in row.find_all("td")[:3]] for row in rows]
        assert got == [[o.simplified, o.zh_TW, o.zh_HK] for o in overrides], v.code


def test_the_cut_dictionary_is_reused_unless_the_words_change(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "contributors.md"
    page.write_text("编者 12 次提交，<b>数字</b>经济", encoding="utf-8")
    target = tmp_path / "jieba" / "main-zh-Hans.txt"
    first = site.jieba_main_dictionary(docs, target)
    assert "数字 " in first.read_text(encoding="utf-8") and "经济 " in first.read_text(encoding="utf-8")
    page.write_text("编者 13 次提交，<b>数字</b>经济", encoding="utf-8")  # only a count changed
    assert site.jieba_main_dictionary(docs, target) == first
    page.write_text("编者 13 次提交，<b>数字</b>经济，营商环境", encoding="utf-8")
    second = site.jieba_main_dictionary(docs, target)
    assert second != first and not first.exists() and "营商 " in second.read_text(encoding="utf-8")
