"""Who is writing, on the pages that change data/ (添加报告 and a loaded report's review):
an OpenID Connect sign-in (st.login) where .streamlit/secrets.toml configures a
provider, an editor of the local list (etl.editors) signed in with their password,
or, only while no editor is configured, the person at the machine itself (loopback).
Anyone else is shown how to sign in, and the page stops; etl.access.require refuses
them again in the writing functions themselves, whatever reaches them.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit import config
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.i18n import t
from dashboard.ui import escape_markdown
from etl import access, editors

_SIGNED_IN = "signed_in_editor"  # the local editor's name, once their password was checked (server-side session state)
WRONG_PASSWORD_PAUSE = 1.0  # seconds after a wrong password: guessing costs time


def oidc_providers() -> list[str]:
    """The OpenID Connect providers .streamlit/secrets.toml configures: "default" for an
    [auth] section with its own client_id, else the name of each [auth.NAME] section."""
    try:
        auth = st.secrets.get("auth") or {}
    except (FileNotFoundError, OSError, ValueError, KeyError):  # no secrets file, or a broken one
        return []
    if "client_id" in auth:
        return ["default"]
    return [name for name, section in auth.items() if hasattr(section, "get") and "client_id" in section]


def _authlib_installed() -> bool:
    from streamlit.auth_util import is_authlib_installed

    return is_authlib_installed()


def request_is_local() -> bool:
    """Whether this session's browser is on the machine the server runs on (etl.access.local_request)."""
    from streamlit import runtime
    from streamlit.runtime import Runtime

    context = get_script_run_ctx()
    # no server: the page runs in this process (AppTest stands a mock in for the Runtime)
    if context is None or not runtime.exists() or type(runtime.get_instance()) is not Runtime:
        peer = access.IN_PROCESS
    else:
        client = runtime.get_instance().get_client(context.session_id)
        client_context = getattr(client, "client_context", None)
        peer = getattr(client_context, "remote_ip", None)
    headers = {name: "" for name in st.context.headers}
    return access.local_request(peer if isinstance(peer, str) else None, headers, config.get_option("server.address"))


def writer() -> access.Writer | None:
    """Who may write in this session, or None (a visitor, or read-only mode)."""
    if access.read_only():
        return None
    if oidc_providers() and st.user.to_dict().get("is_logged_in"):
        person = st.user.to_dict()
        return access.Writer(name=str(person.get("email") or person.get("name") or person.get("sub")), how="oidc")
    name = st.session_state.get(_SIGNED_IN)
    if name and name in editors.load():
        return access.Writer(name=name, how="editor")
    if not oidc_providers() and not editors.configured() and request_is_local():
        return access.Writer(name=access.os_user(), how="local")
    return None


def editor_or_stop(lang: str) -> access.Writer:
    """The writer of this session; else what to do (sign in, or why nobody can here), then st.stop()."""
    if access.read_only():
        st.info(t("read_only_mode", lang))
        st.stop()
    try:
        found = writer()
    except editors.EditorError as error:  # a broken editor list: said, and nobody writes until it is mended
        st.error(escape_markdown(str(error)))
        st.stop()
    if found is not None:
        _signed_in(found, lang)
        return found
    providers = oidc_providers()
    if not providers and not editors.configured():
        st.warning(t("signin_no_editor", lang))
        st.stop()
    st.info(t("signin_needed", lang))
    if providers and not _authlib_installed():
        st.warning(t("signin_oidc_missing", lang))
    elif providers:
        for provider in providers:
            label = t("signin_oidc", lang, provider="OpenID Connect" if provider == "default" else provider)
            if st.button(label, key=f"signin_oidc_{provider}", icon=":material/login:"):
                st.login(provider)
    if editors.configured():
        with st.form("signin_editor", border=True):
            name = st.text_input(t("signin_name", lang), key="signin_name")
            password = st.text_input(t("signin_password", lang), type="password", key="signin_password")
            if st.form_submit_button(t("signin_button", lang), type="primary"):
                if editors.verify(name, password):
                    st.session_state[_SIGNED_IN] = name.strip()
                    st.rerun()
                time.sleep(WRONG_PASSWORD_PAUSE)
                st.error(t("signin_wrong", lang))
    st.stop()


def _signed_in(found: access.Writer, lang: str) -> None:
    """Who is writing, and a way to sign out."""
    if found.how == "local":
        st.caption(escape_markdown(t("signin_local", lang, name=found.name)))
        return
    left, right = st.columns([6, 1])
    left.caption(escape_markdown(t("signin_as", lang, name=found.name)))
    if right.button(t("signout", lang), key="signout"):
        st.session_state.pop(_SIGNED_IN, None)
        if found.how == "oidc":
            st.logout()
        st.rerun()
