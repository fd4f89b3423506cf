"""The file uploader's own words in the page's language.

Streamlit 1.67's st.file_uploader takes no text for its button ("Upload") or its size
line ("20MB per file"): both are written in English inside its frontend. Here a style
sheet hides those two texts and shows the page's words in their place (Chromium then
names the button by them too: its role name is 选择文件). The words shown while a file is
dragged over ("Drag and drop files here") stay English: they are not in the page until then."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t


def in_language(lang: str, mb: int) -> None:
    """The uploader's button and size line in `lang` (with the limit `mb` the page states)."""
    button = t("upload_button", lang).replace('"', "")
    limit = t("upload_limit", lang, mb=mb).replace('"', "")
    upload = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]'
    size = '[data-testid="stFileUploaderDropzoneInstructions"] > div'
    st.html(f"""<style>
{upload} p, {size} span {{ display: none; }}
{upload}::after {{ content: "{button}"; }}
{size}::after {{ content: "{limit}"; }}
</style>""")
