"""Sign-in: who is looking, what the sidebar says about it, and the screens of those who may
not look (signed out, no role, a page of another role).

Sign-in is on when the secrets hold an [auth] section (st.login, OpenID Connect); without
one the dashboard is a local single-user tool and says so. Roles come from scorecard.access.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from .. import access
from ..access import Visitor


def sign_in_configured() -> bool:
    """True when the secrets configure an identity provider for st.login."""
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # an unreadable secrets file: st.login would fail too; say so below
        return False


def current_visitor() -> Visitor:
    """The visitor of this run, from the identity cookie Streamlit checked, and the access
    file as it is now (never from session state, which a page cannot trust)."""
    if not sign_in_configured():
        return access.LOCAL
    if not st.user.is_logged_in:
        return access.SIGNED_OUT
    return access.visitor_from_claims(st.user.to_dict(), access.load_rules())


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
