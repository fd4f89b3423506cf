"""A page's floor (bench/floor_pages.py): the element calls its last recorded run made,
made again with the same arguments; run by bench/page_bench.py in AppTest."""

from bench.floor_pages import RECORDED, replay

replay(RECORDED)
