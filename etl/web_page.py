"""A saved web page (.html / .htm, or a browser's one-file .mhtml / .mht) read into a
report's lines: the article the page holds, without the site around it.

- The bytes are decoded by what they are, not only by what the page says: UTF-8 when
  they are UTF-8; else the charset the page declares (<meta charset>, http-equiv, an
  MHTML part's header) when it is a Chinese one and the bytes decode by it (GB2312 and
  GBK are read as GB18030, the superset sites' editors really write); else what
  charset-normalizer detects. Government sites often declare utf-8 and serve GBK.
- The article is found by trafilatura (made for this: it scores the page's blocks and
  drops the header, menus, breadcrumb, search forms, scripts, styles and footer) and
  given as lines: headings, paragraphs and list items one a line, a table's rows as
  "| a | b |" (merged cells repeated empty), as the PDF and Word readers give them.
- The page's own facts: its title (<meta name="ArticleTitle">, og:title, the one <h1>,
  <title>) as the first line; its publication date (<meta name="PubDate"> and kin, else
  a 发布时间 / 发布日期 / 时间：YYYY-MM-DD in the page); its address (<meta name="Url">,
  <link rel="canonical">, og:url, the address an MHTML was saved from).

No Streamlit; nothing is written. A page that cannot be read raises DocumentError, in
Chinese and English.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email
import re
from dataclasses import dataclass
from email import policy
from pathlib import Path

from etl.documents import DocumentError

SUFFIXES = (".html", ".htm", ".mhtml", ".mht")
_MHTML_SUFFIXES = (".mhtml", ".mht")

# The charsets a Chinese page declares that are trusted when the bytes decode by them;
# another declared charset (iso-8859-1 decodes any bytes) is weighed against detection.
_CHINESE_CHARSETS = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "big5": "big5",
                     "big5hkscs": "big5hkscs", "cp950": "cp950"}
_DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"""
                       rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)

# Furniture trafilatura may keep beside an article: a QR code to open the page on a phone
# (扫一扫在手机上查看当前页面), share buttons.
_FURNITURE = ["//*[contains(@class, 'qrcode') or contains(@id, 'qrcode') or contains(@class, 'ewm')"
              " or contains(@class, 'erweima') or contains(@class, 'share') or contains(@id, 'share')]"]

# The page's facts, as <meta> tags name them (lower case): publication date, address, title.
_DATE_METAS = ("pubdate", "publishdate", "publish_date", "firstpublishedtime", "article:published_time",
               "datepublished", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created")
_URL_METAS = ("url", "og:url")
_TITLE_METAS = ("articletitle", "og:title", "dc.title")
_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# 发布时间：2017-08-09 15:07, 发布日期：2017年8月9日, 时间：2017-08-09 (not 办理时间：…)
_DATE_IN_PAGE = re.compile(r"(?:发布时间|发布日期|(?<![\u4e00-\u9fff])时间)\s*[:：]\s*"
                           r"((?:20|19)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")

# Article text, as opposed to a menu: a line of this many characters, not a link's text,
# with a sentence's punctuation; or a table row with a figure in a cell that is no link.
_PROSE_CHARS = 20
_SENTENCE = re.compile(r"[，。；,;]")
_MD_RULE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")  # |---|---| under a header row


@dataclass(frozen=True)
class WebPage:
    """A web page read: its lines (the title first), title, publication date (YYYY-MM-DD or
    ""), address ("" when the page names none), the charset read by, and notes for the
    person as (Chinese, English) pairs."""

    lines: tuple[str, ...]
    title: str
    published: str
    url: str
    encoding: str
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def read_page(path: Path, data: bytes) -> WebPage:
    """A saved web page's article as lines, with its title, date and address; DocumentError
    when it cannot be decoded or holds no article (only menus and links)."""
    location, declared = "", None
    if path.suffix.lower() in _MHTML_SUFFIXES:
        data, declared, location = _mhtml_page(path, data)
    html, encoding, notes = decode_page(path, data, declared)
    tree = _parse(html)
    title = page_title(tree)
    published = page_date(tree)
    url = page_url(tree) or (location if location.startswith(("http://", "https://")) else "")
    lines = article_lines(html)
    if not _has_article(lines, _link_texts(tree)):
        raise DocumentError(path, "网页里没有找到正文，只有网站的菜单、导航或链接：请打开报告正文所在的页面另存为网页后上传，"
                                  "或上传报告的 PDF、Word 版本",
                            "no article text in the web page, only the site's menus, navigation or links: save the page "
                            "that holds the report itself and upload that, or upload the report's PDF or Word version")
    if title and _squeezed(lines[0]) != _squeezed(title):
        lines.insert(0, title)
    return WebPage(tuple(lines), title, published, url, encoding, tuple(notes))


# ---------------------------------------------------------------------------
# Bytes to text.
# ---------------------------------------------------------------------------


def decode_page(path: Path, data: bytes, declared: str | None = None) -> tuple[str, str, list[tuple[str, str]]]:
    """The page as text, the charset it was read by, and a note where the page's own
    declaration was missing or wrong. `declared`: a charset named outside the page (an
    MHTML part's header); else the page's <meta> or <?xml?> declaration."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", []
    if b"\x00" in data:
        raise DocumentError(path, "这是二进制文件，不是网页", "binary file, not a web page")
    named = declared or _declared_charset(data)
    codec = _codec(named)
    if _decodes(data, "utf-8"):
        used = "utf-8"
    elif codec in _CHINESE_CHARSETS.values() and _decodes(data, codec):
        used = codec
    else:
        used = _detected(data)
        if used is None and codec and _decodes(data, codec):
            used = codec
        if used is None:
            raise DocumentError(path, "网页的字符编码无法识别（不是 UTF-8 或 GBK/GB2312/GB18030，也无法自动判断）："
                                      "请在浏览器中重新另存为网页后上传",
                                "the web page's character encoding cannot be told (not UTF-8 or GBK/GB2312/GB18030, "
                                "and detection failed): save the page again from the browser and upload that")
    notes = []
    if named and codec != used:
        shown = used.upper()
        notes.append((f"网页声明的字符编码是 {named}，内容实际是 {shown}，已按 {shown} 读取",
                      f"the page declares its encoding as {named} but is {shown}: read as {shown}"))
    elif not named and used != "utf-8":
        shown = used.upper()
        notes.append((f"网页没有声明字符编码，按检测到的 {shown} 读取", f"the page declares no encoding: read as {shown}, detected"))
    return data.decode(used), used, notes


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:65536])
    return (match.group(1) or match.group(2)).decode("ascii") if match else None


def _codec(name: str | None) -> str | None:
    """A charset's codec (GB2312 and GBK as GB18030), None for an unknown name."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _CHINESE_CHARSETS.get(codec.replace("_", ""), codec)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _detected(data: bytes) -> str | None:
    import charset_normalizer  # imported here: only web pages need it

    best = charset_normalizer.from_bytes(data).best()
    codec = _codec(best.encoding) if best else None
    return codec if codec and _decodes(data, codec) else None


def _mhtml_page(path: Path, data: bytes) -> tuple[bytes, str | None, str]:
    """An MHTML file's web page: its bytes, the charset its part names, and the address it
    was saved from. A file that is plain HTML after all is read as it is."""
    message = email.message_from_bytes(data, policy=policy.compat32)
    location = (message.get("Snapshot-Content-Location") or "").strip()
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            return payload, part.get_content_charset(), location or (part.get("Content-Location") or "").strip()
    if re.search(rb"<(?:html|body|div|p|table)\b", data[:65536], re.I):
        return data, None, location
    raise DocumentError(path, "MHTML 文件里没有网页（没有 text/html 部分）：请在浏览器中另存为网页（.html）后上传",
                        "the MHTML file holds no web page (no text/html part): save the page as .html from the browser "
                        "and upload that")


# ---------------------------------------------------------------------------
# The page's facts.
# ---------------------------------------------------------------------------


def _parse(html: str):
    import lxml.html  # imported here: only web pages need it

    # lxml refuses text that still declares an encoding (<?xml … encoding=…?>): it is text now.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        return lxml.html.document_fromstring(html or "<html></html>")
    except Exception:  # lxml raises ParserError on a page with no element at all
        return lxml.html.document_fromstring("<html></html>")


def _metas(tree) -> dict[str, str]:
    """Every <meta> with a name or property, by its name in lower case (the first wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value:
            found.setdefault(key, value)
    return found


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_title(tree) -> str:
    """The article's title: <meta name="ArticleTitle">, og:title or dc.title, the page's one
    <h1>, else <title> up to the site's name after it (标题_站点名)."""
    metas = _metas(tree)
    for name in _TITLE_METAS:
        if metas.get(name):
            return _clean(metas[name])
    headings = [_clean(h.text_content()) for h in tree.iter("h1")]
    headings = [h for h in headings if h]
    if len(headings) == 1:
        return headings[0]
    for element in tree.iter("title"):
        parts = [part for part in (_clean(p) for p in re.split(r"[_|｜]|\s[-—–]\s", element.text_content())) if part]
        if parts:
            return parts[0]
    return ""


def _iso_date(text: str) -> str:
    match = _DATE.search(text)
    if not match:
        return ""
    try:
        return dt.date(*(int(group) for group in match.groups())).isoformat()
    except ValueError:
        return ""


def page_date(tree) -> str:
    """The publication date, YYYY-MM-DD: <meta name="PubDate"> and kin, else the first
    发布时间 / 发布日期 / 时间：YYYY-MM-DD of the page's visible text; "" when it states none."""
    metas = _metas(tree)
    for name in _DATE_METAS:
        if metas.get(name) and _iso_date(metas[name]):
            return _iso_date(metas[name])
    visible = "".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"))
    match = _DATE_IN_PAGE.search(visible)
    return _iso_date(match.group(1)) if match else ""


def page_url(tree) -> str:
    """The page's address where the page names it: <meta name="Url">, <link rel="canonical">,
    og:url; "" otherwise (an address relative to an unknown site is no address)."""
    metas = _metas(tree)
    candidates = [metas.get("url", "")]
    candidates += [link.get("href") or "" for link in tree.iter("link")
                   if "canonical" in (link.get("rel") or "").lower().split()]
    candidates.append(metas.get("og:url", ""))
    return next((url.strip() for url in candidates if url.strip().lower().startswith(("http://", "https://"))), "")


# ---------------------------------------------------------------------------
# The article.
# ---------------------------------------------------------------------------


def article_lines(html: str) -> list[str]:
    """The article's lines as trafilatura finds it: no empty lines, no-break and ideographic
    spaces as plain spaces, a table's rows as "| a | b |" (a | inside a cell as ｜), list
    items without trafilatura's "- "."""
    import trafilatura  # imported here: only web pages need it

    text = trafilatura.extract(html, output_format="txt", include_tables=True, include_comments=False,
                               include_images=False, include_links=False, include_formatting=False,
                               favor_recall=True, deduplicate=False, prune_xpath=_FURNITURE) or ""
    lines = []
    for raw in text.splitlines():
        line = raw.replace("\xa0", " ").replace("\u3000", " ").strip()
        if not line or _MD_RULE.match(line):
            continue
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip("|"))
            line = "| " + " | ".join(cell.replace("\\|", "｜").strip() for cell in cells) + " |"
        elif line.startswith("- "):
            line = line[2:].strip()
        lines.append(line)
    return lines


def _link_texts(tree) -> set[str]:
    """The text of every link, button and menu option of the page, without spaces."""
    return {_squeezed(element.text_content()) for tag in ("a", "button", "option")
            for element in tree.iter(tag)} - {""}


def _has_article(lines: list[str], links: set[str]) -> bool:
    """Whether the lines hold an article: a sentence of some length that is no link's text,
    or a table row with a figure outside the links."""
    for line in lines:
        if line.startswith("| "):
            cells = [_squeezed(cell) for cell in line.strip("| ").split(" | ")]
            if any(cell and cell not in links and re.search(r"\d", cell) for cell in cells):
                return True
            continue
        squeezed = _squeezed(line)
        if squeezed not in links and len(squeezed) >= _PROSE_CHARS and _SENTENCE.search(squeezed):
            return True
    return False
