"""How the files beside this one were made (run once: `.venv/bin/python tests/bad_files/make.py`).

Each is a small real file of one kind of bad upload; tests/test_bad_files.py holds
the message each must get. Two cases are made at test time instead: a duplicate
(a copy of a file in data/raw, so it stays a duplicate if that file changes) and
an oversized file (20 MB is too big to commit).
"""

import io
import zipfile
from pathlib import Path

import weasyprint

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
BAIYUN = (ROOT / "data" / "raw" / "001_44badf8aae7bb0c1.txt").read_text(encoding="utf-8")


def pdf(body: str) -> bytes:
    page = f"<html><head><meta charset='utf-8'><style>body {{ font-family: 'Noto Sans CJK SC' }}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


# A drawing and no text at all: what a scanned page looks like to a text extractor.
shapes = pdf("<svg width='400' height='200'><rect width='400' height='200' fill='#336'/>"
             "<circle cx='100' cy='100' r='60' fill='#c33'/></svg>")
write("no_text_layer.pdf", shapes)
write("misnamed.txt", shapes)  # a PDF named .txt
write("empty.txt", b"")
write("binary.txt", bytes(range(256)) * 4)  # no known signature, NUL bytes: plain binary
write("gbk.txt", "\n".join(BAIYUN.splitlines()[:30]).encode("gbk"))
head = "\n".join(BAIYUN.splitlines()[:200]).encode()
write("truncated.txt", head + "存".encode()[:2])  # cut inside the last character
write("truncated_report.txt", head)  # cut at a line: the report's later parts are missing
write("misnamed.pdf", head)  # text named .pdf
archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as zipped:
    zipped.writestr("report.txt", "\n".join(BAIYUN.splitlines()[:20]))
write("zip_named.pdf", archive.getvalue())
write("not_word.docx", archive.getvalue())  # a zip, but not a Word document
write("unsupported.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an old Word file's signature
write("unknown_kind.txt", "广州市天河区政务服务数据管理局\n会议纪要\n\n时间：2022年3月1日\n\n一、会议听取了热线工作情况汇报。\n"
      "二、会议研究了2022年工作安排。\n三、其他事项。\n".encode())
write("unknown_district.txt", "政务服务数据管理局\n2021年部门整体支出\n绩效自评报告\n\n一、基本情况\n\n"  # names no place
      "（一）部门概况\n\n本局负责全区政务服务工作。\n".encode())
text_pdf = weasyprint.HTML(string="<p>Annual report 2021</p>").write_pdf()  # Latin text: a small font subset
write("truncated.pdf", text_pdf[: len(text_pdf) // 2])
