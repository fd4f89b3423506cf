"""添加报告 Add a report: upload a report (.txt/.md/.pdf/.docx, or its text and its
spreadsheets together as one report), check what its text
says it is and which figures were found, then accept (it joins the reports and the
manifest, the warehouse is rebuilt) or reject (nothing changes).

The upload is not in the URL (a file cannot be shared by link): its state lives in
st.session_state. Reading and checking the file is etl.intake / etl.add's job.
"""

import streamlit as st

from dashboard.data import decisions_path, load, manifest_path, raw_dir, warehouse_path
from dashboard.i18n import bureau_name, district_name, kind_name, t
from dashboard.link import fetched_upload
from dashboard.review import budget_preview
from dashboard.review import clear as clear_review
from dashboard.review import editors as review_editors
from dashboard.signin import editor_or_stop
from dashboard.ui import escape_markdown, lang
from dashboard.uploader import in_language as uploader_in_language
from dashboard.watchdog import unbounded
from etl import access, add, intake
from etl.decisions import DecisionError
from etl.documents import DISTRICTS, KINDS, MAX_BYTES, DocumentError, detect

PAGES = "dashboard/pages"


@st.cache_data(show_spinner=False, max_entries=4)
def read_uploads(files: tuple[tuple[str, bytes], ...]) -> intake.Upload:
    """The files chosen together, as one report (etl.intake.read_uploads: its text, then
    its spreadsheets). Cached because reading a long PDF takes seconds and the page reruns
    on every correction; keyed by the files' names and bytes (a bad file raises, uncached)."""
    return intake.read_uploads(files)


current = lang()
loaded_doc = st.query_params.get("doc")
if loaded_doc:  # the review of a report already loaded (a link from the Sources page)
    st.title(t("review_loaded_title", current))
    by = editor_or_stop(current)  # a visitor sees how to sign in, and nothing below (etl.access refuses them again)
    try:
        loaded = add.loaded_preview(loaded_doc, raw_dir=raw_dir(), manifest_path=manifest_path())
    except (DocumentError, add.AddError) as error:
        st.error(escape_markdown(add.message(error, current)))
        st.stop()
    st.caption(escape_markdown(t("add_title", current, title=loaded.document.title)))
    for zh, en in loaded.notes:  # what the text itself raises (a part that looks missing …), as at its upload
        st.warning(escape_markdown(en if current == "en" else zh))
    st.subheader(t("add_found", current, n=len(loaded.observations)))
    try:
        decided = review_editors(loaded, current, key=f"loaded_{loaded_doc}")
    except DecisionError as error:
        st.error(escape_markdown(str(error)))
        st.stop()
    saved = st.session_state.pop("review_saved", None)
    if saved is not None:
        st.success(t("review_saved", current, n=saved))
    if st.button(t("review_save", current), type="primary", key=f"review_save_{loaded_doc}"):
        if not decided:
            st.info(t("review_none", current))
            st.stop()
        with st.spinner(t("add_loading", current)), unbounded():
            try:
                add.decide(decided, raw_dir=raw_dir(), manifest_path=manifest_path(), db_path=warehouse_path(),
                           decisions_path=decisions_path(), by=by)
            except (add.AddError, access.Refused) as error:
                st.error(escape_markdown(add.message(error, current)))
                st.stop()
        st.session_state["review_saved"] = len(decided)
        clear_review(f"loaded_{loaded_doc}")
        st.rerun()
    st.stop()

st.title(t("page_add", current))
by = editor_or_stop(current)  # a visitor sees how to sign in, and nothing below (etl.access refuses them again)
upload_mb = MAX_BYTES // 2**20  # the one size limit: etl.documents refuses larger files
st.caption(t("add_intro", current, mb=upload_mb))

# What the last accept or reject did (the page reran since, with a fresh uploader).
outcome = st.session_state.pop("add_outcome", None)
if outcome and outcome["status"] == "added":
    st.success(escape_markdown(t("add_done", current, district=district_name(outcome["district"], current), year=outcome["year"],
                    kind=kind_name(outcome["kind"], current), file=outcome["file"], documents=outcome["documents"],
                    values=outcome["kpi_values"])))
    st.page_link(f"{PAGES}/benchmark.py", label=t("add_see_benchmark", current), icon=":material/leaderboard:",
                 query_params={"lang": current})
elif outcome:
    st.info(t("add_rejected", current))

generation = st.session_state.setdefault("add_generation", 0)
uploaded = st.file_uploader(t("add_upload", current), key=f"add_upload_{generation}", max_upload_size=upload_mb,
                            accept_multiple_files=True, help=t("add_upload_help", current, mb=upload_mb))
uploader_in_language(current, upload_mb)
fetched = fetched_upload(current, generation)  # or the report's address, fetched (dashboard/link.py)
if not uploaded and fetched is None:
    st.stop()

try:
    with st.spinner(t("add_reading", current)), unbounded():  # a long PDF may rightly take long
        upload = fetched if not uploaded else read_uploads(tuple((file.name, file.getvalue()) for file in uploaded))
except DocumentError as error:
    st.error(escape_markdown(add.message(error, current)))
    st.stop()

# The person's corrections, defaulting to what the text says.
detected = detect(upload.lines)
key = f"{generation}_{upload.source_sha256[:12]}"
st.subheader(t("add_detected", current))
columns = st.columns(3)
# Guangzhou's districts, the places already loaded, and the one the text names; any other can be typed in.
places = list(dict.fromkeys([*DISTRICTS, *load("documents")["district"].to_list(),
                             *([detected.district] if detected.district else [])]))
district = columns[0].selectbox(
    t("district", current), places, index=places.index(detected.district) if detected.district in places else None,
    format_func=lambda d: district_name(d, current), placeholder=t("add_choose", current), key=f"add_district_{key}",
    accept_new_options=True)
plausible = detected.year if detected.year and add.FIRST_YEAR <= detected.year <= add.max_year() else None
year = columns[1].number_input(t("year", current), min_value=add.FIRST_YEAR, max_value=add.max_year(), value=plausible,
                               step=1, placeholder=t("add_choose", current), key=f"add_year_{key}")
kind = columns[2].selectbox(
    t("add_kind", current), KINDS, index=KINDS.index(detected.kind) if detected.kind in KINDS else None,
    format_func=lambda k: kind_name(k, current), placeholder=t("add_choose", current), key=f"add_kind_{key}")

try:
    preview = add.preview(upload, district=district, year=year, kind=kind, raw_dir=raw_dir(), manifest_path=manifest_path())
except (DocumentError, add.AddError) as error:
    st.error(escape_markdown(add.message(error, current)))
    st.stop()

st.caption(escape_markdown(t("add_title", current, title=preview.document.title)))
st.caption(escape_markdown(t("add_bureau", current, bureau=bureau_name(preview.document.bureau, current))))
for zh, en in preview.notes:
    st.warning(escape_markdown(en if current == "en" else zh))

st.subheader(t("add_found", current, n=len(preview.observations)))
try:
    decided = review_editors(preview, current, key=key)
except DecisionError as error:
    st.error(escape_markdown(str(error)))
    st.stop()
budget_preview(preview, current)
with st.expander(t("add_text", current, n=len(upload.lines))):
    st.code("\n".join(f"{number:>5}  {line}" for number, line in enumerate(upload.lines, start=1)), language=None)

accept_column, reject_column, _ = st.columns([1, 1, 3])
if accept_column.button(t("add_accept", current), type="primary", key=f"add_accept_{key}", width="stretch"):
    with st.spinner(t("add_loading", current)), unbounded():  # never stopped halfway through a rebuild
        try:
            added = add.accept(preview, raw_dir=raw_dir(), manifest_path=manifest_path(), db_path=warehouse_path(),
                               decided=decided, decisions_path=decisions_path(), by=by)
        except (DocumentError, add.AddError, access.Refused) as error:
            st.error(escape_markdown(add.message(error, current)))
            st.stop()
    st.session_state["add_outcome"] = {"status": "added", "district": added.district, "year": added.year,
                                       "kind": added.kind, "file": added.file, "documents": added.summary.documents,
                                       "kpi_values": added.summary.kpi_values}
    st.session_state["add_generation"] = generation + 1
    clear_review(key)
    st.rerun()
if reject_column.button(t("add_reject", current), key=f"add_reject_{key}", width="stretch"):
    st.session_state["add_outcome"] = {"status": "rejected"}
    st.session_state["add_generation"] = generation + 1
    st.rerun()
