"""Sign-in: who is looking, what the sidebar says about it, and the screens of those who may
not look (signed out, no role, a page of another role).

Sign-in is on when the secrets hold an [auth] section (st.login, OpenID Connect); without
one the dashboard is a local single-user tool and says so. Roles come from scorecard.access.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st
from streamlit import config as st_config
from streamlit.runtime.pages_manager import PagesManager

from .. import access
from ..access import Visitor

# The identity cookie is signed with the cookie secret: a guessable one lets anyone forge a
# sign-in. The example file's placeholder, or anything short, keeps the dashboard shut.
PLACEHOLDER_SECRET = "change-me"
MIN_SECRET_LENGTH = 32
_log = logging.getLogger("scorecard.signin")


def sign_in_state() -> tuple[str, str]:
    """("on" | "off" | "broken", why). Sign-in is on when the secrets hold an [auth] section
    for st.login. A secrets file that exists but cannot be read, or an [auth] section whose
    cookie secret is the example's or short, is "broken": the dashboard then shows nothing,
    rather than falling back to local mode and showing everything."""
    try:
        if st.secrets.load_if_toml_exists():
            auth = st.secrets.get("auth")
            if auth is None:
                return "off", ""
            secret = str(auth.get("cookie_secret") or "")
            if secret == PLACEHOLDER_SECRET or len(secret) < MIN_SECRET_LENGTH:
                return "broken", (
                    f"the [auth] cookie_secret is the example's or shorter than "
                    f"{MIN_SECRET_LENGTH} characters"
                )
            return "on", ""
    except Exception as exc:  # any failure to read the secrets
        return "broken", f"the secrets could not be read ({type(exc).__name__})"
    files = [Path(path) for path in st_config.get_option("secrets.files") or []]
    unreadable = [str(path) for path in files if path.is_file()]
    if unreadable:
        return "broken", f"{unreadable[0]} exists but could not be read as TOML"
    return "off", ""


def current_visitor() -> Visitor:
    """The visitor of this run, from the identity cookie Streamlit checked, and the access
    file as it is now (never from session state, which a page cannot trust)."""
    state, _ = sign_in_state()
    if state == "off":
        return access.LOCAL
    if state == "broken":
        return access.MISCONFIGURED
    if not st.user.is_logged_in:
        return access.SIGNED_OUT
    try:
        rules = access.load_rules()
    except access.AccessError:
        return access.MISCONFIGURED
    return access.visitor_from_claims(st.user.to_dict(), rules)


def author(visitor: Visitor) -> str | None:
    """Who a note, a target change or a publication is signed by: the signed-in identity;
    in local mode the name typed in the sidebar."""
    if visitor.signed_in:
        return visitor.identity
    if visitor.local:
        return (st.session_state.get("author") or "").strip() or None
    return None


def require(page_id: str) -> Visitor:
    """Run first by every page: stop unless the visitor may open it. The navigation never
    offers such a page; this holds even if a page file were run some other way."""
    if PagesManager.uses_pages_directory:
        # A first visit to a page URL after a restart runs the page file alone; run it under
        # dashboard.py, which signs in and draws the navigation (see entry.py).
        PagesManager.uses_pages_directory = False
        st.rerun()
    visitor = current_visitor()
    if not visitor.may_open(page_id):
        refusal(page_id, visitor)
        st.stop()
    return visitor


def sidebar(visitor: Visitor) -> None:
    """Who is signed in, with which roles, and the way out; or that nobody needs to be."""
    with st.sidebar:
        if visitor.local:
            st.caption(
                ":material/person: **Local single-user mode.** Sign-in is not configured "
                "(no `[auth]` in `.streamlit/secrets.toml`), so whoever opens this address sees "
                "every page. See the README to turn on single sign-on and roles."
            )
            st.text_input(
                "Your name",
                key="author",
                help="Shown on the notes, target changes and publications you make.",
                placeholder="Needed to write notes",
            )
            return
        roles = ", ".join(
            access.ROLE_LABELS[role] for role in access.ROLES if role in visitor.roles
        )
        who = _plain(visitor.name or visitor.identity)
        if visitor.name:
            who += f" ({_plain(visitor.identity)})"
        with st.container(key="signed-in-as"):
            st.caption(
                f":material/account_circle: Signed in as **{who}**  \nRole: {roles or 'none'}"
            )
            if st.button("Sign out", key="sign-out", icon=":material/logout:"):
                st.logout()


def _plain(text: str | None) -> str:
    from .views import plain

    return plain(text)


def sign_in_screen() -> None:
    st.title("Support Scorecard")
    st.markdown(
        "Sign in with your company account to open the scorecard. What you see depends on your "
        "role: leadership, support ops, people ops or admin."
    )
    if st.button("Sign in", key="sign-in", type="primary", icon=":material/login:"):
        st.login()


def misconfigured_screen() -> None:
    """Sign-in is meant to be on but cannot work: show nothing, and tell whoever runs the
    server why (in its log: the reason may name files, addresses or groups)."""
    state, why = sign_in_state()
    if state != "broken":
        try:
            access.load_rules()
        except access.AccessError as exc:
            why = str(exc)
    _log.error("sign-in is misconfigured, nothing is shown: %s", why)
    st.title("Sign-in is misconfigured")
    st.error(
        "Nothing is shown until whoever runs the dashboard fixes its sign-in settings; the "
        "server's log says what is wrong (see the README, section *Sign-in and roles*).",
        icon=":material/lock:",
    )


def no_role_screen() -> None:
    visitor = current_visitor()
    st.title("No access yet")
    st.warning(
        f"You are signed in as **{_plain(visitor.identity)}**, but no role of the Support "
        "Scorecard is given to you, so there is nothing to show. Ask an admin to add your "
        "e-mail address or one of your groups to `data/access.toml`.",
        icon=":material/lock:",
    )


def refusal(page_id: str, visitor: Visitor) -> None:
    """What a visitor sees at the address of a page that is not theirs."""
    allowed = ", ".join(access.ROLE_LABELS[role] for role in sorted(access.PAGE_ROLES[page_id]))
    st.title("Not available to you")
    st.error(
        f"This page is for: {allowed}. You are signed in as **{_plain(visitor.identity)}**"
        f" with the role {', '.join(access.ROLE_LABELS[r] for r in sorted(visitor.roles))}."
        if visitor.signed_in
        else f"This page is for: {allowed}.",
        icon=":material/block:",
    )
    st.caption("Pages open to you are in the menu on the left.")
