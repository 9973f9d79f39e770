"""Roles from the access file: e-mail, domain and group rules, and what each role opens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scorecard import access, metrics
from scorecard.access import AccessError, parse_rules, roles_for

RULES = """
group_claim = "groups"
[users]
"VP@Example.com" = "leadership"
"ops.lead@example.com" = ["support_ops", "leadership"]
"@hr.example.com" = ["people_ops"]
[groups]
"scorecard-admins" = ["admin"]
"support" = "support_ops"
"""


def rules(text: str = RULES):
    return parse_rules(text, Path("access.toml"))


V = {"email_verified": True}


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"email": "vp@example.com", **V}, {"leadership"}),
        ({"email": " Vp@EXAMPLE.com ", **V}, {"leadership"}),  # addresses compare without case
        ({"email": "ops.lead@example.com", **V}, {"support_ops", "leadership"}),
        ({"email": "anyone@hr.example.com", **V}, {"people_ops"}),
        ({"email": "anyone@sub.hr.example.com", **V}, set()),  # a domain is not its subdomains
        ({"email": "anyone@example.com", **V}, set()),
        ({"email": "x@example.com", "groups": ["scorecard-admins", "other"]}, {"admin"}),
        ({"groups": "support,scorecard-admins"}, {"support_ops", "admin"}),
        ({"groups": "support"}, {"support_ops"}),
        ({"groups": "support scorecard-admins"}, set()),  # one group's name, with a space
        ({"email": "vp@example.com", "groups": ["support"], **V}, {"leadership", "support_ops"}),
        ({"sub": "123"}, set()),
        ({"email": 42, "groups": {"admin": True}}, set()),
    ],
)
def test_a_user_holds_every_role_given_to_their_address_domain_and_groups(claims, expected):
    assert roles_for(claims, rules()) == frozenset(expected)


def test_an_address_grants_roles_only_when_the_provider_verified_it():
    found = rules()
    assert roles_for({"email": "vp@example.com", "email_verified": False}, found) == frozenset()
    assert roles_for({"email": "vp@example.com", "email_verified": "false"}, found) == frozenset()
    assert roles_for({"email": "vp@example.com", "email_verified": "0"}, found) == frozenset()
    assert roles_for({"email": "vp@example.com", "email_verified": True}, found) == {"leadership"}
    assert roles_for({"email": "vp@example.com", "email_verified": "true"}, found) == {"leadership"}
    assert roles_for(
        {"email": "vp@example.com", "email_verified": False, "groups": ["support"]}, found
    ) == {"support_ops"}
    # A provider that never says (Microsoft Entra ID): only when the access file trusts it.
    assert roles_for({"email": "vp@example.com"}, found) == frozenset()
    trusting = rules("trust_email_without_verified_claim = true\n" + RULES)
    assert roles_for({"email": "vp@example.com"}, trusting) == {"leadership"}
    assert roles_for({"email": "vp@example.com", "email_verified": False}, trusting) == set()


def test_the_group_claim_is_configurable():
    found = rules('group_claim = "roles"\n[groups]\n"Scorecard.Admin" = "admin"\n')
    assert roles_for({"roles": ["Scorecard.Admin"]}, found) == {"admin"}
    assert roles_for({"groups": ["Scorecard.Admin"]}, found) == frozenset()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[users]\n"a@b.c" = "boss"\n', "unknown role 'boss'"),
        ('[users]\n"a@b.c" = ["admin", 3]\n', "must be a role or a list of roles"),
        ('[users]\n"not-an-address" = "admin"\n', "neither an e-mail address nor a domain"),
        ('[users]\n"@" = "admin"\n', "neither an e-mail address nor a domain"),
        ('[groups]\n"g" = "superuser"\n', "unknown role 'superuser'"),
        ('[user]\n"a@b.c" = "admin"\n', "unknown section or key 'user'"),
        ('group_claim = ""\n', "group_claim must be the name of a claim"),
        ('trust_email_without_verified_claim = "yes"\n', "must be true or false"),
        ("[users\n", "access.toml"),
    ],
)
def test_a_mistake_in_the_access_file_is_named(text, message):
    with pytest.raises(AccessError, match=message.replace("(", r"\(")):
        rules(text)


def test_the_access_file_is_read_again_when_it_changes(tmp_path):
    path = tmp_path / "access.toml"
    assert access.load_rules(path) == access.Rules()  # no file: nobody holds a role
    claims = {"email": "a@example.com", "email_verified": True}
    path.write_text('[users]\n"a@example.com" = "leadership"\n', encoding="utf-8")
    assert roles_for(claims, access.load_rules(path)) == {"leadership"}
    path.write_text('[users]\n"a@example.com" = ["people_ops", "admin"]\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert roles_for(claims, access.load_rules(path)) == {"people_ops", "admin"}


def test_the_shipped_access_file_grants_nobody_anything():
    shipped = access.load_rules(access.DEFAULT_ACCESS_FILE)
    assert not shipped.by_email and not shipped.by_domain and not shipped.by_group


def visitor(*roles: str) -> access.Visitor:
    return access.Visitor(mode="signed_in", roles=frozenset(roles), identity="x@example.com")


def test_each_role_opens_exactly_its_pages():
    assert visitor("leadership").pages() == ["scorecard", "published"]
    assert visitor("support_ops").pages() == ["sla", "backlog", "escalations", "quality"]
    assert visitor("people_ops").pages() == ["morale", "turnover"]
    assert visitor("admin").pages() == ["scorecard", "published", "targets", "notes", "data"]
    assert visitor().pages() == []
    assert access.LOCAL.pages() == list(access.PAGE_ROLES)
    # Pulse answers, comments and leavers reach people ops only; per-agent QA support ops only.
    for role in access.ROLES:
        opens = set(visitor(role).pages())
        assert ("morale" in opens or "turnover" in opens) == (role == "people_ops")
        assert ("quality" in opens) == (role == "support_ops")


def test_notes_are_written_by_the_metric_owner_role_or_an_admin():
    people = {m.id for m in metrics.all_metrics() if m.owner_role == "people_ops"}
    assert people == {"morale_pulse", "agent_turnover", "pulse_participation"}
    for metric in metrics.all_metrics():
        assert visitor("admin").may_write_notes(metric.owner_role)
        assert not visitor("leadership").may_write_notes(metric.owner_role)
        assert visitor("people_ops").may_write_notes(metric.owner_role) == (metric.id in people)
        assert visitor("support_ops").may_write_notes(metric.owner_role) == (
            metric.id not in people
        )


def test_publishing_is_for_leadership_and_admins():
    assert visitor("leadership").may_publish and visitor("admin").may_publish
    assert not visitor("support_ops").may_publish and not visitor("people_ops").may_publish


def test_the_identity_recorded_is_the_verified_address_or_the_subject():
    found = rules()
    verified = {"email": " Dana@Example.com", "email_verified": True, "sub": "1"}
    assert access.identity_of(verified, found) == "dana@example.com"
    assert access.identity_of({"sub": "abc", "iss": "https://id.example.com"}, found) == (
        "abc (https://id.example.com)"
    )
    # An unverified address is not recorded as the author: it could be someone else's.
    claims = {"email": "vp@example.com", "email_verified": False, "sub": "x1", "iss": "https://id"}
    assert access.identity_of(claims, found) == "x1 (https://id)"
