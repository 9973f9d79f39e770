"""The pages, grouped by audience, and the navigation one visitor gets.

A page the visitor's roles do not open is not in the menu, and its address runs a refusal
instead of the page file (a hidden page at the same URL), so no direct link, bookmark or
query parameter reaches its data. Signed-out visitors and visitors without a role get one
screen at every address.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..access import PAGE_ROLES, Visitor
from . import signin


@dataclass(frozen=True)
class PageSpec:
    id: str
    group: str
    file: str
    title: str
    icon: str


PAGES = (
    PageSpec("scorecard", "Leadership", "pages/scorecard.py", "Weekly scorecard", "dashboard"),
    PageSpec("published", "Leadership", "pages/published.py", "Published weeks", "verified_user"),
    PageSpec("sla", "Support ops", "pages/sla.py", "SLA & response", "timer"),
    PageSpec("backlog", "Support ops", "pages/backlog.py", "Backlog", "inbox"),
    PageSpec("escalations", "Support ops", "pages/escalations.py", "Escalations", "stairs"),
    PageSpec("quality", "Support ops", "pages/quality.py", "Quality", "verified"),
    PageSpec("morale", "People ops", "pages/morale.py", "Morale", "mood"),
    PageSpec("turnover", "People ops", "pages/turnover.py", "Turnover", "group_remove"),
    PageSpec("targets", "Admin", "pages/targets.py", "Targets & owners", "flag"),
    PageSpec("notes", "Admin", "pages/notes.py", "Notes", "sticky_note_2"),
    PageSpec("data", "Admin", "pages/data.py", "Data", "database"),
)
assert {spec.id for spec in PAGES} == set(PAGE_ROLES)

# The scorecard is served at the root; the others at their id.
ROOT_PAGE = "scorecard"


def _screen(action, url_path: str, title: str, default: bool = False) -> st.Page:
    """One hidden page running `action` at `url_path` (Streamlit needs a distinct callable
    name per page, so each gets its own wrapper)."""

    def screen() -> None:
        action()

    screen.__name__ = f"screen_{url_path or 'root'}"
    return st.Page(
        screen,
        title=title,
        url_path=url_path or "home",
        default=default,
        visibility="hidden",
    )


def _everywhere(action, title: str) -> list[st.Page]:
    """The same screen at the root and at every page's address (so an old bookmark does not
    end in Streamlit's "page not found")."""
    pages = [_screen(action, "", title, default=True)]
    pages += [_screen(action, spec.id, title) for spec in PAGES if spec.id != ROOT_PAGE]
    pages.append(_screen(action, ROOT_PAGE, title))
    return pages


def navigation(visitor: Visitor) -> st.Page | None:
    """Draw the menu for this visitor and return the page to run; None when the visitor
    sees a single screen (signed out, no role), which has then been drawn."""
    if visitor.mode == "misconfigured":
        screen = _everywhere(signin.misconfigured_screen, "Sign-in misconfigured")
        st.navigation(screen, position="hidden").run()
        return None
    if visitor.mode == "signed_out":
        st.navigation(_everywhere(signin.sign_in_screen, "Sign in"), position="hidden").run()
        return None
    if not visitor.roles:
        st.navigation(_everywhere(signin.no_role_screen, "No access"), position="hidden").run()
        return None

    allowed = [spec for spec in PAGES if visitor.may_open(spec.id)]
    groups: dict[str, list[st.Page]] = {}
    for spec in allowed:
        groups.setdefault(spec.group, []).append(
            st.Page(
                spec.file,
                title=spec.title,
                icon=f":material/{spec.icon}:",
                # The default page keeps its address reserved: the root's is "home".
                url_path="home" if spec.id == ROOT_PAGE else spec.id,
                default=spec.id == ROOT_PAGE,
            )
        )
    # Hidden pages sit in a visible group: a group of hidden pages only would show its title.
    hidden = groups[allowed[0].group]
    hidden += [
        _screen(_refusal(spec.id, visitor), spec.id, spec.title)
        for spec in PAGES
        if not visitor.may_open(spec.id)
    ]
    home = None
    if visitor.may_open(ROOT_PAGE):
        # The scorecard is served at the root; its own address shows it too.
        root = next(spec for spec in PAGES if spec.id == ROOT_PAGE)
        hidden.append(st.Page(root.file, title=root.title, url_path=ROOT_PAGE, visibility="hidden"))
    else:
        home = _screen(_go_to(allowed[0].file), "", allowed[0].title, default=True)
        hidden.append(home)
    chosen = st.navigation(groups)
    if chosen is home:
        # Before the sidebar binds the filters to the URL, which switch_page could not keep.
        chosen.run()
    return chosen


def _refusal(page_id: str, visitor: Visitor):
    def refuse() -> None:
        signin.refusal(page_id, visitor)

    return refuse


def _go_to(file: str):
    def go() -> None:
        # The address's filters come along.
        kept = {key: st.query_params.get_all(key) for key in st.query_params}
        st.switch_page(file, query_params=kept)

    return go
