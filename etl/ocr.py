"""Text recognition (OCR) of PDF pages that have no text layer: a scanned report, or a
scanned page inside one. Each page is rendered to a grayscale image with pypdfium2 (it
comes with pdfplumber) and read by Tesseract with its Simplified Chinese data
(Debian's tesseract-ocr and tesseract-ocr-chi-sim, installed by scripts/setup.sh), one
process per page, a few at a time, each with a time limit.

What OCR reads is never taken on trust: etl.intake records which lines of the text it
gave (Upload.ocr_lines, the manifest's ocr_lines), every figure found on those lines
carries OCR_NOTE (mark), and queries/kpi_values.sql compares such a figure with
nothing (not_comparable 'ocr') until a person has accepted it in the review.

No Streamlit here, and nothing is written but temporary images.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

# The note every figure from an OCR line carries (first in its note, before any other);
# queries/kpi_values.sql reads the prefix "ocr：" (kpi_values.not_comparable = 'ocr').
OCR_NOTE = "ocr：识别自扫描件 / read from a scan"

LANGUAGE = "chi_sim"  # Tesseract's Simplified Chinese (its digits and Latin letters included)
DPI = 300  # of 200, 300 and 400 dpi, 300 read a page of the 普陀 决算 (仿宋, about 10.5 pt) best
MAX_PIXELS = 4200  # the longer side of a rendered page at most (an A4 page at 300 dpi is 3508)
MAX_PAGES = 30  # pages read by OCR per file, at about 5 s a page on one core; the rest are named in a note
PAGE_SECONDS = 120  # one page's time limit
# psm 6: the page as one block of text, read line by line (a table's rows stay lines; of psm 3, 4
# and 6 it read six pages of the 普陀 决算 best on average, its ruled table by far)
_TESSERACT_ARGS = ("-l", LANGUAGE, "--psm", "6")

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_ASCII_WORD = re.compile(r"[0-9A-Za-z.,%()\-+/]")
_DIGIT_LIKE = {"S": "5", "$": "5", "O": "0", "o": "0", "l": "1", "I": "1"}


class OcrUnavailable(Exception):
    """Tesseract or its Simplified Chinese data is not installed."""


@dataclass(frozen=True)
class Page:
    """What OCR read on one page: its lines (top to bottom), or why nothing."""

    number: int  # 1-based page number in the PDF
    lines: tuple[str, ...] = ()
    error: str | None = None  # "timeout" or Tesseract's own message


def available() -> bool:
    """Whether Tesseract and its Simplified Chinese data are installed."""
    try:
        _check()
    except OcrUnavailable:
        return False
    return True


def _check() -> str:
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrUnavailable("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    if LANGUAGE not in (listed.stdout + listed.stderr).split():
        raise OcrUnavailable(f"Tesseract has no {LANGUAGE} data (apt-get install tesseract-ocr-chi-sim)")
    return binary


def render(data: bytes, numbers: list[int], dpi: int = DPI) -> dict[int, bytes]:
    """The pages `numbers` (1-based) of a PDF as grayscale PNG images."""
    import pypdfium2  # comes with pdfplumber

    images = {}
    document = pypdfium2.PdfDocument(data)
    try:
        for number in numbers:
            page = document[number - 1]
            try:
                width, height = page.get_size()
                scale = min(dpi / 72, MAX_PIXELS / max(width, height, 1))
                image = page.render(scale=scale, grayscale=True).to_pil()
            finally:
                page.close()
            buffer = io.BytesIO()
            without_rules(image).save(buffer, format="PNG")
            images[number] = buffer.getvalue()
    finally:
        document.close()
    return images


def without_rules(image):
    """A page image with its table's rules whitened: Tesseract reads a ruled table's
    cells as rows of text once the lines between them are gone (with them, 支出决算表's
    rows came out as "[201|06|02|…" or not at all). A rule is a straight dark run
    longer than a thirtieth of the page, across or down; a character's strokes are
    far shorter."""
    import numpy
    from PIL import Image

    pixels = numpy.asarray(image.convert("L"))
    dark = pixels < 160
    rules = _long_runs(dark, max(dark.shape[1] // 30, 20)) | _long_runs(dark.T, max(dark.shape[0] // 30, 20)).T
    widened = rules.copy()  # and the pixel either side, the rule's anti-aliased edge
    widened[1:] |= rules[:-1]
    widened[:-1] |= rules[1:]
    widened[:, 1:] |= rules[:, :-1]
    widened[:, :-1] |= rules[:, 1:]
    cleaned = pixels.copy()
    cleaned[widened] = 255
    return Image.fromarray(cleaned)


def _long_runs(dark, length: int):
    """The pixels of every run of `length` or more dark pixels along each row."""
    import numpy

    height, width = dark.shape
    if width < length:
        return numpy.zeros_like(dark)
    total = numpy.zeros((height, width + 1), dtype=numpy.int32)
    numpy.cumsum(dark, axis=1, out=total[:, 1:])
    starts = (total[:, length:] - total[:, :-length]) == length  # a window of `length` all dark starts here
    begun = numpy.zeros((height, starts.shape[1] + 1), dtype=numpy.int32)
    numpy.cumsum(starts, axis=1, out=begun[:, 1:])
    columns = numpy.arange(width)
    last = numpy.minimum(columns, starts.shape[1] - 1) + 1  # windows starting at most here …
    first = numpy.maximum(columns - length + 1, 0)  # … and at least here cover this pixel
    return (begun[:, last] - begun[:, first]) > 0


def read_image(png: bytes, binary: str | None = None, seconds: float = PAGE_SECONDS) -> tuple[str, ...]:
    """The lines Tesseract reads in one page image, tidied (see tidy); raises
    subprocess.TimeoutExpired past `seconds`."""
    binary = binary or _check()
    with tempfile.TemporaryDirectory(prefix="ocr_") as folder:
        image = Path(folder) / "page.png"
        image.write_bytes(png)
        # one thread per process: pages are read side by side instead, which is faster on few cores
        done = subprocess.run([binary, str(image), "stdout", *_TESSERACT_ARGS, "tsv"], capture_output=True,
                              timeout=seconds, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip() or f"tesseract exited with {done.returncode}")
    return lines_of_tsv(done.stdout.decode("utf-8", "replace"))


def lines_of_tsv(tsv: str) -> tuple[str, ...]:
    """Tesseract's TSV (one row per word, with its box and confidence) as lines of text:
    the words of a line joined without the spaces Tesseract puts between Chinese
    characters, with one space between two ASCII words and where a wide gap parts two
    cells of a table row. A line whose words Tesseract is hardly sure of on average
    (below 30 of 100: specks, a picture's edges, a line of 10 with no word right) is
    left out, and so is a line of one character; a doubtful line that is still read
    (1S.169%40；, 32) is kept for the person who reviews it."""
    lines: dict[tuple[int, int, int], list[tuple[int, int, int, float, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        key = (int(cells[2]), int(cells[3]), int(cells[4]))  # block, paragraph, line
        left, width, height, confidence = int(cells[6]), int(cells[8]), int(cells[9]), float(cells[10])
        lines.setdefault(key, []).append((left, width, height, confidence, cells[11].strip()))
    found = []
    for words in lines.values():  # Tesseract's order: blocks, then lines, top to bottom
        if sum(w[3] for w in words) / len(words) < 30:
            continue
        heights = sorted(w[2] for w in words)
        wide = 1.5 * heights[len(heights) // 2]
        text, right = "", None
        for left, width, _, _, word in words:
            if text:
                both_ascii = _ASCII_WORD.match(text[-1]) and _ASCII_WORD.match(word[0])
                if both_ascii or (right is not None and left - right > wide):
                    text += " "
            text += word
            right = left + width
        text = tidy(text)
        if len(text.replace(" ", "")) > 1:
            found.append(text)
    return tuple(found)


def tidy(line: str) -> str:
    """One OCR line made plain: no control or line-breaking characters, no space
    beside a Chinese character or full-width sign, and the slips Tesseract makes in
    the digits of a 仿宋 page where there is only one reading: a % read as 9%0 after a
    share of two decimals (占11.119%0； for 占11.11%；), a stray digit after a % (占99.79%6；
    for 占99.79%；), a thousands separator read as a point (2.106.66), a letter or sign
    inside a number (1S.16 for 15.16). What is not sure (占0.219%； for 0.21%) is left for
    the person who reviews the figure."""
    line = "".join(ch if ch.isprintable() else " " for ch in line)
    line = re.sub(rf"\s+(?={_CJK.pattern})|(?<={_CJK.pattern})\s+", "", line)
    # S, $, O, o, l, I inside a number are 5, 5, 0, 0, 1, 1 (1S.16 for 15.16, 20.$1 for 20.51); a $ before
    # digits is a 5 (减少$6.95万元 for 56.95: a report in 万元 has no dollar sign)
    line = re.sub(r"(?<=\d)[SOolI$](?=[\d.])|(?<=[\d.])[SOolI$](?=\d)|\$(?=\d)", lambda m: _DIGIT_LIKE[m.group()], line)
    # a thousands separator read as a point: 2.106.66 is 2,106.66 (a number has one decimal point)
    line = re.sub(r"(?<![\d.,])(\d{1,3})\.(\d{3})\.(\d{1,2})(?![\d.])", r"\1,\2.\3", line)
    # 仿宋's % read as "9%0" or "9%40" after a share of two decimals (占11.11%； read 占11.119%0；): a third
    # decimal 9 before a % that stray digits follow is that misreading; then any stray digit after a %
    line = re.sub(r"(\.\d{2})9%\d{1,2}(?=[;；,，。、)）\s]|$)", r"\1%", line)
    line = re.sub(r"%\d{1,2}(?=[;；,，。、)）\s]|$)", "%", line)
    return re.sub(r"\s{2,}", " ", line).strip()


def read_pages(data: bytes, numbers: list[int], workers: int | None = None) -> list[Page]:
    """The pages `numbers` (1-based) of a PDF read by OCR, in their order; a page that
    fails or runs past its time limit is a Page with its error. Raises OcrUnavailable
    when Tesseract or its Chinese data is missing."""
    if not numbers:
        return []
    binary = _check()
    images = render(data, numbers)
    workers = workers or max(1, min(4, os.cpu_count() or 1, len(numbers)))

    def one(number: int) -> Page:
        try:
            return Page(number, read_image(images[number], binary))
        except subprocess.TimeoutExpired:
            return Page(number, error="timeout")
        except (RuntimeError, OSError) as error:
            return Page(number, error=str(error))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, numbers))


def mark(observations: list, ocr_lines: frozenset[int]) -> list:
    """The observations, each one found on a line OCR read with OCR_NOTE first in its
    note (any etl.extract.Observation: doc_id, line and note are all this reads)."""
    if not ocr_lines:
        return observations
    return [replace(o, note=marked_note(o.note)) if o.line in ocr_lines else o for o in observations]


def marked_note(note: str | None) -> str:
    if note and note.startswith(OCR_NOTE):
        return note
    return f"{OCR_NOTE} · {note}" if note else OCR_NOTE


def is_marked(observation) -> bool:
    """Whether an observation is from an OCR line and no person has reviewed it."""
    return bool(observation.note and observation.note.startswith(OCR_NOTE) and not observation.review)
