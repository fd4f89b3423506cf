"""The add page's address field: a report fetched from its address (etl.fetch: http and
https only, public addresses only unless ZHENGSHU_FETCH_PRIVATE=1, a size and a time
limit), read as an upload would be, and kept in the session until the report is
accepted or rejected (a new `generation` of the page forgets it)."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import escape_markdown
from dashboard.watchdog import unbounded
from etl import add, fetch
from etl.documents import DocumentError
from etl.intake import Upload

_KEPT = "add_fetched"


def fetched_upload(current: str, generation: int) -> Upload | None:
    """The address field and its button; the report fetched from the address given, or
    None (nothing asked yet, or the fetch refused: the reason is shown)."""
    kept = st.session_state.get(_KEPT)
    if kept is not None and kept[0] != generation:  # accepted or rejected since: a fresh field
        st.session_state.pop(_KEPT)
        kept = None
    with st.form(f"add_link_{generation}", border=False):
        address = st.text_input(t("add_link", current), placeholder="https://…", key=f"add_link_address_{generation}",
                                help=t("add_link_help", current))
        attachments = st.checkbox(t("add_link_attachments", current), key=f"add_link_attachments_{generation}")
        asked = st.form_submit_button(t("add_fetch", current), icon=":material/download:")
    if asked and address.strip():
        st.session_state.pop(_KEPT, None)
        try:
            with st.spinner(escape_markdown(t("add_fetching", current, url=fetch.shown(address.strip())))), unbounded():
                upload = fetch.fetch_upload(address.strip(), attachments=attachments)
        except DocumentError as error:
            st.error(escape_markdown(add.message(error, current)))
            return None
        kept = (generation, upload)
        st.session_state[_KEPT] = kept
    if kept is None:
        return None
    upload = kept[1]
    st.caption(escape_markdown(t("add_fetched", current, url=upload.source_url, time=upload.fetched_at)))
    return upload
