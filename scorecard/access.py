"""Who may see and change what: roles, the pages each role opens, and who a signed-in user is.

Roles come from data/access.toml (SCORECARD_ACCESS names another file): a user holds every
role given to their e-mail, to their e-mail's domain ("@example.com") and to each group the
identity provider lists in the group claim. The file is read again whenever it changes, so
granting a role needs no restart. Nothing here imports Streamlit: the dashboard asks these
functions, and tests call them directly.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

from .config import DATA_DIR

ACCESS_ENV = "SCORECARD_ACCESS"
DEFAULT_ACCESS_FILE = DATA_DIR / "access.toml"

LEADERSHIP, SUPPORT_OPS, PEOPLE_OPS, ADMIN = "leadership", "support_ops", "people_ops", "admin"
ROLES = (LEADERSHIP, SUPPORT_OPS, PEOPLE_OPS, ADMIN)
ROLE_LABELS = {
    LEADERSHIP: "Leadership",
    SUPPORT_OPS: "Support ops",
    PEOPLE_OPS: "People ops",
    ADMIN: "Admin",
}

# Each page and the roles that open it. Morale and turnover (pulse answers, comments,
# leavers) reach people ops only; per-agent QA support ops only; leadership reads the
# scorecard and what was published, which hold no per-agent or per-answer data.
PAGE_ROLES: dict[str, frozenset[str]] = {
    "scorecard": frozenset({LEADERSHIP, ADMIN}),
    "published": frozenset({LEADERSHIP, ADMIN}),
    "sla": frozenset({SUPPORT_OPS}),
    "backlog": frozenset({SUPPORT_OPS}),
    "escalations": frozenset({SUPPORT_OPS}),
    "quality": frozenset({SUPPORT_OPS}),
    "morale": frozenset({PEOPLE_OPS}),
    "turnover": frozenset({PEOPLE_OPS}),
    "targets": frozenset({ADMIN}),
    "notes": frozenset({ADMIN}),
    "data": frozenset({ADMIN}),
}
# Pages showing figures made of pulse answers or the roster (the scorecard holds morale and
# turnover); others are not told even when the last pulse answer came in.
PEOPLE_FIGURE_PAGES = ("scorecard", "published", "morale", "turnover")
PEOPLE_KINDS = frozenset({"pulse", "roster"})
# Publishing freezes the week leadership reads: those who read the scorecard may publish.
PUBLISH_ROLES = frozenset({LEADERSHIP, ADMIN})


class AccessError(ValueError):
    """The access file cannot be used as it stands."""


@dataclass(frozen=True)
class Rules:
    """The access file, read: roles by e-mail, by domain and by group."""

    group_claim: str = "groups"
    trust_email_without_verified_claim: bool = False
    by_email: Mapping[str, frozenset[str]] = field(default_factory=dict)
    by_domain: Mapping[str, frozenset[str]] = field(default_factory=dict)
    by_group: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Visitor:
    """Whoever is looking at the dashboard.

    mode: "local" (sign-in not configured: one trusted user, every role), "signed_in",
    "signed_out" or "misconfigured" (sign-in meant to be on but unusable: nothing shown).
    `identity` is what notes and publications record for a signed-in user.
    """

    mode: str
    roles: frozenset[str] = frozenset()
    identity: str | None = None
    name: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.mode == "signed_in"

    @property
    def local(self) -> bool:
        return self.mode == "local"

    def may_open(self, page_id: str) -> bool:
        return bool(PAGE_ROLES[page_id] & self.roles)

    def pages(self) -> list[str]:
        """The pages this visitor opens, in navigation order."""
        return [page_id for page_id in PAGE_ROLES if self.may_open(page_id)]

    def may_write_notes(self, owner_role: str) -> bool:
        """Notes on a metric are written by the metric's owner role, or by an admin."""
        return ADMIN in self.roles or owner_role in self.roles

    @property
    def sees_people_figures(self) -> bool:
        return any(self.may_open(page_id) for page_id in PEOPLE_FIGURE_PAGES)

    @property
    def may_publish(self) -> bool:
        return bool(PUBLISH_ROLES & self.roles)


LOCAL = Visitor(mode="local", roles=frozenset(ROLES))
SIGNED_OUT = Visitor(mode="signed_out")
# Sign-in is meant to be on but cannot work (unreadable secrets or access file): no roles.
MISCONFIGURED = Visitor(mode="misconfigured")


def access_file() -> Path:
    return Path(os.environ.get(ACCESS_ENV) or DEFAULT_ACCESS_FILE)


def _roles(path: Path, where: str, value: object) -> frozenset[str]:
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not all(isinstance(role, str) for role in listed):
        raise AccessError(f"{path}: {where} must be a role or a list of roles")
    unknown = sorted(set(listed) - set(ROLES))
    if unknown:
        raise AccessError(
            f"{path}: {where}: unknown role {unknown[0]!r} (roles: {', '.join(ROLES)})"
        )
    return frozenset(listed)


def parse_rules(text: str, path: Path) -> Rules:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AccessError(f"{path}: {exc}") from exc
    unknown = sorted(
        set(raw) - {"group_claim", "trust_email_without_verified_claim", "users", "groups"}
    )
    if unknown:
        raise AccessError(f"{path}: unknown section or key {unknown[0]!r}")
    group_claim = raw.get("group_claim", "groups")
    if not isinstance(group_claim, str) or not group_claim:
        raise AccessError(f"{path}: group_claim must be the name of a claim")
    by_email: dict[str, frozenset[str]] = {}
    by_domain: dict[str, frozenset[str]] = {}
    for key, value in raw.get("users", {}).items():
        roles = _roles(path, f"users.{key!r}", value)
        address = key.strip().lower()
        if address.startswith("@") and "@" not in address[1:] and len(address) > 1:
            by_domain[address[1:]] = roles
        elif address.count("@") == 1 and not address.startswith("@"):
            by_email[address] = roles
        else:
            raise AccessError(
                f"{path}: users: {key!r} is neither an e-mail address nor a domain (@example.com)"
            )
    by_group = {
        str(key): _roles(path, f"groups.{key!r}", value)
        for key, value in raw.get("groups", {}).items()
    }
    trust = raw.get("trust_email_without_verified_claim", False)
    if not isinstance(trust, bool):
        raise AccessError(f"{path}: trust_email_without_verified_claim must be true or false")
    return Rules(group_claim, trust, by_email, by_domain, by_group)


_cache_lock = Lock()
_cache: dict[tuple[str, int, int], Rules] = {}


def load_rules(path: Path | None = None) -> Rules:
    """The access rules, read again whenever the file changes (no restart to grant a role).
    A missing file grants nobody anything."""
    path = path or access_file()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Rules()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = parse_rules(path.read_text(encoding="utf-8"), path)
        return _cache[key]


def _groups(claim: object) -> list[str]:
    """A group claim as providers send it: a list, or one string — a single group, or several
    separated by commas (never split on spaces: "People Ops" is one group, not "Ops")."""
    if isinstance(claim, str):
        return [part.strip() for part in claim.split(",") if part.strip()]
    if isinstance(claim, Iterable) and not isinstance(claim, (bytes, Mapping)):
        return [str(part) for part in claim]
    return []


def verified_email(claims: Mapping[str, object], rules: Rules) -> str | None:
    """The user's e-mail address when it may be trusted, lower-cased; else None.

    Trusted means the provider says it checked it (`email_verified` true): an unchecked
    address can be anyone's. Providers that never send the claim (Microsoft Entra ID) are
    trusted only when the access file says `trust_email_without_verified_claim = true`."""
    email = claims.get("email")
    if not isinstance(email, str) or email.count("@") != 1 or not email.strip():
        return None
    verified = claims.get("email_verified")
    if verified is None:
        trusted = rules.trust_email_without_verified_claim
    else:
        trusted = verified is True or str(verified).lower() == "true"
    return email.strip().lower() if trusted else None


def roles_for(claims: Mapping[str, object], rules: Rules) -> frozenset[str]:
    """Every role the rules give to a user with these identity claims: by their verified
    e-mail address, its domain, and each group in the group claim."""
    roles: set[str] = set()
    address = verified_email(claims, rules)
    if address:
        roles |= rules.by_email.get(address, frozenset())
        roles |= rules.by_domain.get(address.rsplit("@", 1)[1], frozenset())
    for group in _groups(claims.get(rules.group_claim)):
        roles |= rules.by_group.get(group, frozenset())
    return frozenset(roles)


def identity_of(claims: Mapping[str, object], rules: Rules) -> str:
    """What a note or a publication records: the verified e-mail address; otherwise the
    provider's subject and issuer (an unverified address could be someone else's)."""
    address = verified_email(claims, rules)
    if address:
        return address
    issuer = claims.get("iss")
    sub = str(claims.get("sub") or "unknown")
    return f"{sub} ({issuer})" if issuer else sub


def visitor_from_claims(claims: Mapping[str, object], rules: Rules) -> Visitor:
    name = claims.get("name")
    return Visitor(
        mode="signed_in",
        roles=roles_for(claims, rules),
        identity=identity_of(claims, rules),
        name=name if isinstance(name, str) and name.strip() else None,
    )
