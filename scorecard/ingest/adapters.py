"""Adapters: real exports (Zendesk, Freshdesk, any CSV with a mapping) in canonical form.

An adapter reads the staged text columns of a file (sources.py: c0 … cN, and _record for
JSON) and says, for each canonical table it feeds, which SQL expression gives each canonical
column. The expressions only rename, pick, convert codes and reshape: every rule of SPEC §6 is
still checked afterwards by queries/load/check_<kind>.sql, exactly as for canonical files, so a
bad vendor value is quarantined with the same reasons. Column positions and JSON paths come from
code or from the mapping file and are bound as values; nothing from a file is spliced into SQL
as an identifier.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import ConfigError, check_timezone
from .kinds import CSAT, KINDS, QA_REVIEWS, TICKETS, Kind, normalise_name
from .sources import FileRefused

SOURCES = ("canonical", "zendesk", "freshdesk", "mapped")


@dataclass(frozen=True)
class AdapterOptions:
    """Configuration the adapters read (data/config.toml, [adapters])."""

    floor_by_group: dict[str, int] = field(default_factory=dict)
    floor_by_tag: dict[str, int] = field(default_factory=dict)
    team_by_group_id: dict[str, str] = field(default_factory=dict)
    mapping_file: Path | None = None


@dataclass
class Part:
    """One canonical table fed by the file: a select over stage_source giving _ord, _line and
    raw_<column> for every column of the kind."""

    kind: Kind
    select: str
    params: dict[str, Any]
    used: set[int] = field(default_factory=set)  # positions of the file's columns it reads


@dataclass
class Plan:
    source: str  # canonical | zendesk | freshdesk | mapped
    label: str  # what was detected, in words
    parts: list[Part]
    timezone: str | None = None  # a mapping file's source zone
    ignored_columns: list[str] = field(default_factory=list)


class Expressions:
    """Builds SQL expressions over the staged columns, binding every value as a parameter."""

    def __init__(self, headers: list[str], prefix: str):
        self.positions: dict[str, int] = {}
        for position, header in enumerate(headers):
            self.positions.setdefault(normalise_name(header), position)
        self.prefix = prefix
        self.params: dict[str, Any] = {}
        self.used: set[int] = set()

    def value(self, value: Any) -> str:
        name = f"{self.prefix}{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    def has(self, *names: str) -> bool:
        return any(normalise_name(n) in self.positions for n in names)

    def column(self, *names: str) -> str | None:
        """The first of the named columns the file has (names match like canonical ones)."""
        for name in names:
            position = self.positions.get(normalise_name(name))
            if position is not None:
                self.used.add(position)
                return f"c{position}"
        return None

    def json(self, *paths: str) -> str:
        """The first non-null of several JSON paths into the record, as text."""
        extracts = [f"json_extract_string(_record, {self.value(p)})" for p in paths]
        return extracts[0] if len(extracts) == 1 else f"coalesce({', '.join(extracts)})"

    @staticmethod
    def blank(expression: str | None, tokens: Iterable[str] = ("", "-")) -> str | None:
        """Text with placeholder values (empty, "-") read as missing."""
        if expression is None:
            return None
        listed = ", ".join(f"'{t}'" for t in tokens)  # fixed tokens from code
        return f"case when trim({expression}) in ({listed}) then null else {expression} end"

    def mapped(self, expression: str | None, mapping: dict[str, str]) -> str | None:
        """Values translated case-insensitively; a value not in the map is kept as it is, so
        the checks quarantine it with the usual reason."""
        if expression is None:
            return None
        keys = self.value([str(k).strip().lower() for k in mapping])
        values = self.value([str(v) for v in mapping.values()])
        found = (
            f"({values}::varchar[])[list_position({keys}::varchar[], lower(trim({expression})))]"
        )
        return f"coalesce({found}, {expression})"

    def first(self, *expressions: str | None) -> str | None:
        present = [e for e in expressions if e is not None]
        if not present:
            return None
        return present[0] if len(present) == 1 else f"coalesce({', '.join(present)})"

    def constant(self, value: Any) -> str:
        return f"cast({self.value(str(value))} as varchar)"

    def hms_minutes(self, expression: str | None) -> str | None:
        """Durations written HH:MM:SS as minutes; other text is kept (and then refused)."""
        if expression is None:
            return None
        parts = f"string_split(trim({expression}), ':')"
        return (
            f"case when regexp_full_match(trim({expression}), '\\d+:\\d{{2}}:\\d{{2}}') then cast("
            f"cast({parts}[1] as double) * 60 + cast({parts}[2] as double) "
            f"+ cast({parts}[3] as double) / 60 as varchar) else {expression} end"
        )

    def strptime(self, expression: str | None, fmt: str | None) -> str | None:
        """Timestamps in a stated format rewritten as ISO text; text that does not fit the
        format is kept, so the checks quarantine it rather than lose it."""
        if expression is None or not fmt:
            return expression
        fmt_value = self.value(fmt)
        parsed = f"try_strptime(trim({expression}), {fmt_value})"
        # Text that does not fit is kept, marked with its format for the checks' reason.
        marked = f"chr(30) || {fmt_value} || chr(30) || {expression}"
        return (
            f"case when trim({expression}) = '' then null "
            f"else coalesce(strftime({parsed}, '%Y-%m-%d %H:%M:%S.%f'), {marked}) end"
        )

    def floor(self, group: str | None, tags: str | None, options: AdapterOptions) -> str | None:
        """A ticket's floor from its group or tags, through the configured mapping."""
        candidates = []
        if group is not None and options.floor_by_group:
            keys = self.value([k.strip().lower() for k in options.floor_by_group])
            values = self.value([int(v) for v in options.floor_by_group.values()])
            candidates.append(
                f"({values}::integer[])[list_position({keys}::varchar[], lower(trim({group})))]"
            )
        if tags is not None and options.floor_by_tag:
            keys = self.value([k.strip().lower() for k in options.floor_by_tag])
            values = self.value([int(v) for v in options.floor_by_tag.values()])
            candidates.append(
                f"list_max(list_transform({tags}, lambda tag: "
                f"({values}::integer[])[list_position({keys}::varchar[], lower(trim(tag)))]))"
            )
        if not candidates:
            return None
        return f"cast(greatest({', '.join(candidates)}) as varchar)"


def _part(kind: Kind, fields: dict[str, str | None], where: str | None = None) -> str:
    unknown = set(fields) - set(kind.columns)
    if unknown:
        raise ValueError(f"{kind.name}: no such columns {sorted(unknown)}")
    selects = ", ".join(
        f"cast({fields[c]} as varchar) as raw_{c}" if fields.get(c) else f"null::varchar as raw_{c}"
        for c in kind.columns
    )
    sql = f"select rowid as _ord, _line, {selects} from stage_source"
    return f"{sql} where {where}" if where else sql


# ----------------------------------------------------------------------- Zendesk

ZENDESK_CSV_SIGNS = (
    "Via",
    "Satisfaction Score",
    "First reply time in minutes",
    "Group stations",
    "Assignee stations",
    "Requester wait time in minutes",
    "Full resolution time in minutes",
    "Summation column",
    "Replies",
    "Reopens",
)
ZENDESK_JSON_SIGNS = ("via", "ticket_metrics", "metric_set", "satisfaction_rating", "requester_id")
GOOD_BAD = {"good": "1", "bad": "0", "good with comment": "1", "bad with comment": "0"}
# Satisfaction values that say no rating was given. Any other value is a rating: Good/Bad ones
# are scored, the rest quarantined by the checks (never dropped without a trace).
NOT_RATED = ("", "-", "offered", "not offered", "unoffered")


def _rated(x: Expressions, score: str) -> str:
    not_rated = f"{x.value(list(NOT_RATED))}::varchar[]"
    return f"{score} is not null and not list_contains({not_rated}, lower(trim({score})))"


def _require(x: Expressions, export: str, columns: dict[str, tuple[str, ...]]) -> None:
    """Refuse an export without a column its tickets cannot do without, naming it (else every
    ticket would be quarantined while the rest of the file loads)."""
    missing = [name for name, spellings in columns.items() if not x.has(*spellings)]
    if missing:
        raise FileRefused(
            f"not a complete {export}: missing column{'s' if len(missing) > 1 else ''} "
            + ", ".join(repr(name) for name in missing)
        )


def _zendesk_csv(headers: list[str], options: AdapterOptions) -> list[Part]:
    x = Expressions(headers, "z")
    _require(
        x,
        "Zendesk ticket CSV export",
        {"Id": ("Id", "Ticket ID"), "Created at": ("Created at",), "Status": ("Status",)},
    )
    b = x.blank
    solved_at = b(x.column("Solved at"))
    group = b(x.column("Group"))
    tags = x.column("Tags")
    ticket_id = x.column("Id", "Ticket ID")
    tickets = _part(
        TICKETS,
        {
            "ticket_id": ticket_id,
            "created_at": b(x.column("Created at")),
            # The export has no first-reply timestamp: created_at + these minutes (SPEC §10).
            "first_response_minutes": b(x.column("First reply time in minutes")),
            "solved_at": solved_at,
            "status": x.column("Status"),
            "priority": b(x.column("Priority")),
            "channel": b(x.column("Via")),
            "team": group,
            "assignee": b(x.column("Assignee")),
            "requester": b(
                x.first(x.column("Requester id", "Requester ID"), x.column("Requester"))
            ),
            "agent_replies": b(x.column("Replies")),
            "reopens": b(x.column("Reopens")),
            "floor": x.floor(group, f"string_split(trim({tags}), ' ')" if tags else None, options),
            "first_response_business_minutes": b(
                x.column("First reply time in minutes within business hours")
            ),
            "resolution_business_minutes": b(
                x.column("Full resolution time in minutes within business hours")
            ),
        },
    )
    parts = [Part(TICKETS, tickets, x.params, x.used)]
    score = x.column("Satisfaction Score")
    if score:
        # Good/Bad are ratings, at the solve (the export has no rating time); Offered and
        # Not Offered are not ratings.
        ratings = _part(
            CSAT,
            {
                "ticket_id": ticket_id,
                "rated_at": solved_at,
                "score": x.mapped(score, GOOD_BAD),
                "scale_min": x.constant(0),
                "scale_max": x.constant(1),
            },
            where=_rated(x, score),
        )
        parts.append(Part(CSAT, ratings, x.params, x.used))
    return parts


def _zendesk_json(
    headers: list[str], options: AdapterOptions, has_rating_records: bool
) -> list[Part]:
    x = Expressions(headers, "z")
    metrics = ("ticket_metrics", "metric_set", "metrics")

    def metric(path: str) -> str:
        return x.json(*(f"$.{m}.{path}" for m in metrics))

    solved_at = x.first(metric("solved_at"), x.json("$.solved_at"))
    group_id = x.json("$.group_id")
    group = x.first(
        x.json("$.group.name", "$.group_name"),
        x.mapped(group_id, options.team_by_group_id) if options.team_by_group_id else None,
        group_id,
    )
    is_ticket = "json_extract_string(_record, '$.ticket_id') is null"
    tags = "cast(json_extract_string(_record, '$.tags[*]') as varchar[])"
    tickets = _part(
        TICKETS,
        {
            "ticket_id": x.json("$.id"),
            "created_at": x.json("$.created_at"),
            "first_response_minutes": metric("reply_time_in_minutes.calendar"),
            "solved_at": solved_at,
            "status": x.json("$.status"),
            "priority": x.json("$.priority"),
            "channel": x.json("$.via.channel"),
            "team": group,
            "assignee": x.json("$.assignee.name", "$.assignee_id"),
            "requester": x.json("$.requester_id", "$.requester.name"),
            "agent_replies": metric("replies"),
            "reopens": metric("reopens"),
            "floor": x.floor(group, tags, options),
            "first_response_business_minutes": metric("reply_time_in_minutes.business"),
            "resolution_business_minutes": metric("full_resolution_time_in_minutes.business"),
        },
        where=is_ticket,
    )
    parts = [Part(TICKETS, tickets, x.params, x.used)]
    # Ratings embedded in the tickets are timed by the solve, as in the CSV export; rating
    # objects of their own (a file may hold both) by their created_at, and they win for their
    # ticket (an embedded copy of the same rating is not counted twice).
    embedded = x.json("$.satisfaction_rating.score")
    own = x.json("$.score")
    with_own_rating = (
        "json_extract_string(_record, '$.id') in (select json_extract_string(_record, "
        "'$.ticket_id') from stage_source where json_extract_string(_record, '$.ticket_id') "
        "is not null)"
    )

    def either(for_ticket: str | None, for_rating: str | None) -> str:
        return f"case when {is_ticket} then {for_ticket or 'null'} else {for_rating or 'null'} end"

    ticket_rows = f"{is_ticket} and {_rated(x, embedded)}"
    if has_rating_records:
        ticket_rows += f" and not ({with_own_rating})"
    rating_rows = f"not ({is_ticket}) and {_rated(x, own)}"
    ratings = _part(
        CSAT,
        {
            "ticket_id": either(x.json("$.id"), x.json("$.ticket_id")),
            "rated_at": either(solved_at, x.json("$.created_at", "$.updated_at")),
            "score": either(x.mapped(embedded, GOOD_BAD), x.mapped(own, GOOD_BAD)),
            "scale_min": x.constant(0),
            "scale_max": x.constant(1),
            "comment": either(x.json("$.satisfaction_rating.comment"), x.json("$.comment")),
        },
        where=f"({ticket_rows}) or ({rating_rows})" if has_rating_records else ticket_rows,
    )
    parts.append(Part(CSAT, ratings, x.params, x.used))
    return parts


# ---------------------------------------------------------------------- Freshdesk

FRESHDESK_CSV_SIGNS = (
    "Ticket ID",
    "Created time",
    "Resolved time",
    "Closed time",
    "Due by Time",
    "Initial response time",
    "First response time (in hrs)",
    "Agent interactions",
    "Source",
    "Survey results",
)
FRESHDESK_JSON_SIGNS = ("fr_due_by", "due_by", "stats", "responder_id", "fr_escalated")
FRESHDESK_STATUS = {
    "open": "open",
    "pending": "pending",
    "resolved": "solved",
    "closed": "closed",
    "waiting on customer": "pending",
    "waiting on third party": "pending",
    "2": "open",
    "3": "pending",
    "4": "solved",
    "5": "closed",
}
FRESHDESK_PRIORITY = {"1": "low", "2": "normal", "3": "high", "4": "urgent"}
FRESHDESK_SOURCE = {
    "1": "email",
    "2": "portal",
    "3": "phone",
    "4": "forum",
    "5": "twitter",
    "6": "facebook",
    "7": "chat",
    "8": "mobihelp",
    "9": "feedback widget",
    "10": "outbound email",
    "11": "ecommerce",
    "12": "bot",
    "13": "whatsapp",
}
# Freshdesk's survey answers: the happy side is satisfied (1), neutral and unhappy are not.
FRESHDESK_SURVEY = {
    "extremely happy": "1",
    "very happy": "1",
    "happy": "1",
    "awesome": "1",
    "neutral": "0",
    "just okay": "0",
    "unhappy": "0",
    "very unhappy": "0",
    "extremely unhappy": "0",
    "not good": "0",
    "103": "1",
    "102": "1",
    "101": "1",
    "100": "0",
    "-101": "0",
    "-102": "0",
    "-103": "0",
}


def _when(condition: str | None, expression: str | None) -> str | None:
    if condition is None or expression is None:
        return None
    return f"case when {condition} is not null then {expression} end"


def _freshdesk_csv(headers: list[str], options: AdapterOptions) -> list[Part]:
    x = Expressions(headers, "f")
    _require(
        x,
        "Freshdesk ticket CSV export",
        {"Ticket ID": ("Ticket ID",), "Created time": ("Created time",), "Status": ("Status",)},
    )
    b = x.blank
    solved_at = x.first(b(x.column("Resolved time")), b(x.column("Closed time")))
    first_response = b(x.column("Initial response time"))
    group = b(x.column("Group"))
    tags = x.column("Tags")
    ticket_id = x.column("Ticket ID")
    tickets = _part(
        TICKETS,
        {
            "ticket_id": ticket_id,
            "created_at": b(x.column("Created time")),
            "first_response_at": first_response,
            # Freshdesk writes these durations in business hours, and 00:00:00 when there was
            # no response or resolution: kept as business minutes, and only when it happened.
            "first_response_business_minutes": _when(
                first_response, x.hms_minutes(b(x.column("First response time (in hrs)")))
            ),
            "resolution_business_minutes": _when(
                solved_at, x.hms_minutes(b(x.column("Resolution time (in hrs)")))
            ),
            "solved_at": solved_at,
            "status": x.mapped(x.column("Status"), FRESHDESK_STATUS),
            "priority": b(x.column("Priority")),
            "channel": b(x.column("Source")),
            "team": group,
            "assignee": b(x.column("Agent")),
            "requester": b(x.column("Requester email", "Contact ID", "Requester name")),
            "agent_replies": b(x.column("Agent interactions")),
            "floor": x.floor(group, f"string_split(trim({tags}), ',')" if tags else None, options),
            "first_response_due_at": b(x.column("First response due by", "FR due by")),
            "resolution_due_at": b(x.column("Due by Time", "Due by")),
        },
    )
    parts = [Part(TICKETS, tickets, x.params, x.used)]
    survey = b(x.column("Survey results", "Survey result"))
    if survey:
        ratings = _part(
            CSAT,
            {
                "ticket_id": ticket_id,
                "rated_at": solved_at,
                "score": x.mapped(survey, FRESHDESK_SURVEY),
                "scale_min": x.constant(0),
                "scale_max": x.constant(1),
            },
            where=f"{survey} is not null",
        )
        parts.append(Part(CSAT, ratings, x.params, x.used))
    return parts


def _freshdesk_json(headers: list[str], options: AdapterOptions) -> list[Part]:
    x = Expressions(headers, "f")
    group_id = x.json("$.group_id")
    group = x.first(
        x.json("$.group.name", "$.group_name"),
        x.mapped(group_id, options.team_by_group_id) if options.team_by_group_id else None,
        group_id,
    )
    tags = "cast(json_extract_string(_record, '$.tags[*]') as varchar[])"
    tickets = _part(
        TICKETS,
        {
            "ticket_id": x.json("$.id"),
            "created_at": x.json("$.created_at"),
            "first_response_at": x.json("$.stats.first_responded_at", "$.first_responded_at"),
            "solved_at": x.json(
                "$.stats.resolved_at", "$.resolved_at", "$.stats.closed_at", "$.closed_at"
            ),
            "status": x.mapped(x.json("$.status"), FRESHDESK_STATUS),
            "priority": x.mapped(x.json("$.priority"), FRESHDESK_PRIORITY),
            "channel": x.mapped(x.json("$.source"), FRESHDESK_SOURCE),
            "team": group,
            "assignee": x.json("$.responder_name", "$.responder_id"),
            "requester": x.json("$.requester_id"),
            "floor": x.floor(group, tags, options),
            "first_response_due_at": x.json("$.fr_due_by"),
            "resolution_due_at": x.json("$.due_by"),
        },
    )
    return [Part(TICKETS, tickets, x.params, x.used)]


# -------------------------------------------------------------------- mapped CSV


MAPPING_SECTIONS = {"source", "columns", "constants", "formats", "values", "categories"}


def read_mapping(path: Path) -> dict[str, Any]:
    """A mapping file (TOML, or YAML when PyYAML is installed), checked for its shape."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileRefused(f"mapping file {path}: {exc.strerror}") from exc
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            mapping = yaml.safe_load(text)
        else:
            mapping = tomllib.loads(text)
    except Exception as exc:
        raise FileRefused(f"mapping file {path}: {exc}") from exc
    if not isinstance(mapping, dict):
        raise FileRefused(f"mapping file {path}: expected tables such as [source] and [columns]")
    unknown = set(mapping) - MAPPING_SECTIONS
    if unknown:
        raise FileRefused(f"mapping file {path}: unknown sections {', '.join(sorted(unknown))}")
    source = mapping.get("source") or {}
    if source.get("kind") not in KINDS:
        raise FileRefused(f"mapping file {path}: [source] kind must be one of {', '.join(KINDS)}")
    zone = source.get("timezone")
    if zone is not None:
        try:
            check_timezone(str(zone))
        except ConfigError as exc:
            raise FileRefused(
                f"mapping file {path}: [source] timezone {zone!r} is not an IANA time zone "
                "(e.g. Europe/Berlin, America/New_York, UTC)"
            ) from exc
    unknown_keys = set(source) - {"kind", "timezone", "require"}
    if unknown_keys:
        raise FileRefused(
            f"mapping file {path}: [source] has unknown keys {', '.join(sorted(unknown_keys))}"
        )
    return mapping


def _nothing_for(kind: Kind, missing: list[str]) -> str:
    return f"mapping gives nothing for required {kind.name} columns {', '.join(missing)}"


def _mapped(headers: list[str], mapping: dict[str, Any]) -> list[Part]:
    kind = KINDS[mapping["source"]["kind"]]
    x = Expressions(headers, "m")
    columns: dict[str, str] = mapping.get("columns") or {}
    constants: dict[str, Any] = mapping.get("constants") or {}
    formats: dict[str, str] = mapping.get("formats") or {}
    values: dict[str, dict[str, Any]] = mapping.get("values") or {}
    categories: list[dict[str, Any]] = mapping.get("categories") or []

    for section, names in (
        ("columns", columns),
        ("constants", constants),
        ("formats", formats),
        ("values", values),
    ):
        for name in names:
            if name not in kind.columns:
                raise FileRefused(
                    f"mapping: [{section}] names {name!r}, a column {kind.name} does not have"
                )
    required_present = [str(c) for c in (mapping["source"].get("require") or [])]
    for name in required_present:
        if name not in columns:
            raise FileRefused(
                f"mapping: [source] require names {name!r}, which [columns] does not map"
            )
    if categories and kind is not QA_REVIEWS:
        raise FileRefused("mapping: [[categories]] is for qa_reviews only")

    fields: dict[str, str | None] = {}
    for name, source_column in columns.items():
        expression = x.column(str(source_column))
        if expression is None:
            raise FileRefused(
                f"mapping: column {source_column!r} (for {name}) is not in the file "
                f"(found {', '.join(repr(h) for h in headers[:12])})"
            )
        if name in values:
            expression = x.mapped(expression, {str(k): str(v) for k, v in values[name].items()})
        fields[name] = x.strptime(expression, formats.get(name))
    for name, value in constants.items():
        fields.setdefault(name, x.constant(value))

    # Rows whose `require`d columns are empty are not rows of this table (e.g. the unrated
    # tickets of a ticket export read for its ratings): they are passed over, not quarantined.
    where = (
        " and ".join(
            f"nullif(trim({x.column(str(columns[name]))}), '') is not null"
            for name in required_present
        )
        or None
    )

    if not categories:
        missing = [c for c in kind.required if not fields.get(c)]
        if missing:
            raise FileRefused(_nothing_for(kind, missing))
        return [Part(kind, _part(kind, fields, where), x.params, x.used)]

    # A wide QA file: one source column per category becomes one row per category.
    selects = []
    for entry in categories:
        column = x.column(str(entry.get("column", "")))
        if column is None:
            raise FileRefused(
                f"mapping: category column {entry.get('column')!r} is not in the file"
            )
        row = dict(fields)
        row["category"] = x.constant(entry.get("category", entry["column"]))
        row["score"] = column
        for key in ("weight", "critical", "scale_min", "scale_max"):
            if key in entry:
                row[key] = x.constant(str(entry[key]).lower() if key == "critical" else entry[key])
        missing = [c for c in kind.required if not row.get(c)]
        if missing:
            raise FileRefused(_nothing_for(kind, missing))
        selects.append(_part(kind, row, where))
    return [Part(kind, "\nunion all\n".join(selects), x.params, x.used)]


# ---------------------------------------------------------------------- choosing


def canonical_plan(kind: Kind, headers: list[str]) -> Plan:
    """A canonical file: each canonical column read from the file's column of that name."""
    mapping: dict[str, int] = {}
    for position, header in enumerate(headers):
        column = kind.column_for(header)
        if column is None:
            continue
        if column in mapping:
            first = headers[mapping[column]]
            raise FileRefused(f"columns {first!r} and {header!r} both mean {column}")
        mapping[column] = position
    missing = [c for c in kind.required if c not in mapping]
    if missing:
        raise FileRefused(missing_columns_message(kind, missing, headers))
    fields = {column: f"c{position}" for column, position in mapping.items()}
    ignored = [h for i, h in enumerate(headers) if i not in mapping.values()]
    return Plan(
        "canonical", f"canonical {kind.name}", [Part(kind, _part(kind, fields), {})], None, ignored
    )


def empty_plan(kind: Kind) -> Plan:
    """A JSON export with no records at all (`[]`): like a header-only CSV, it loads nothing."""
    return Plan(
        "canonical", f"canonical {kind.name} (no records)", [Part(kind, _part(kind, {}), {})]
    )


def missing_columns_message(kind: Kind, missing: list[str], headers: list[str]) -> str:
    found = ", ".join(repr(h) for h in headers[:12]) or "none"
    hint = ""
    if len(headers) == 1:
        hint = "; is the delimiter a comma, semicolon, tab or pipe?"
    return (
        f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
        f"for {kind.name} (found {found}){hint}; not a Zendesk or Freshdesk export either: "
        "for another tool's file, use --source mapped --mapping FILE (see the README)"
    )


def plan_for(
    source: str,
    headers: list[str],
    file_format: str,
    options: AdapterOptions,
    has_rating_records: bool = False,
) -> Plan:
    """The parts an adapter makes of a file whose source is known."""
    json_records = file_format in ("json", "jsonl")
    plan = _vendor_plan(source, headers, json_records, options, has_rating_records)
    if not json_records:
        used = set().union(*(part.used for part in plan.parts))
        plan.ignored_columns = [h for i, h in enumerate(headers) if i not in used]
    return plan


def _vendor_plan(
    source: str,
    headers: list[str],
    json_records: bool,
    options: AdapterOptions,
    has_rating_records: bool,
) -> Plan:
    if source == "zendesk":
        if json_records:
            return Plan(
                "zendesk", "Zendesk API JSON", _zendesk_json(headers, options, has_rating_records)
            )
        return Plan("zendesk", "Zendesk ticket CSV export", _zendesk_csv(headers, options))
    if source == "freshdesk":
        if json_records:
            return Plan("freshdesk", "Freshdesk API JSON", _freshdesk_json(headers, options))
        return Plan("freshdesk", "Freshdesk ticket CSV export", _freshdesk_csv(headers, options))
    if source == "mapped":
        if options.mapping_file is None:
            raise FileRefused("--source mapped needs --mapping FILE")
        mapping = read_mapping(options.mapping_file)
        plan = Plan("mapped", f"mapped by {options.mapping_file.name}", _mapped(headers, mapping))
        plan.timezone = (mapping.get("source") or {}).get("timezone")
        return plan
    raise FileRefused(f"unknown source {source!r} (expected one of {', '.join(SOURCES)})")


def detect_source(headers: list[str], file_format: str) -> str | None:
    """zendesk or freshdesk when the file's columns (or JSON keys) look like their exports."""
    present = {normalise_name(h) for h in headers}

    def count(signs: Iterable[str]) -> int:
        return sum(normalise_name(s) in present for s in signs)

    if file_format in ("json", "jsonl"):
        if count(FRESHDESK_JSON_SIGNS) >= 2 and "id" in present:
            return "freshdesk"
        if count(ZENDESK_JSON_SIGNS) >= 2 and ("id" in present or "ticketid" in present):
            return "zendesk"
        # Zendesk's satisfaction_ratings objects: an id of their own, the ticket's, a score and
        # created_at (a canonical ratings file has rated_at instead).
        if {"id", "ticketid", "score", "createdat"} <= present and "ratedat" not in present:
            return "zendesk"
        return None
    # Recognised by their own columns; one they cannot do without (a status, say) missing is
    # then refused by the adapter naming it, rather than as a canonical file it is not.
    if count(FRESHDESK_CSV_SIGNS) >= 3 and "ticketid" in present:
        return "freshdesk"
    if count(ZENDESK_CSV_SIGNS) >= 2 and "id" in present and "createdat" in present:
        return "zendesk"
    return None
