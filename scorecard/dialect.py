"""The queries in queries/ are DuckDB SQL; this turns one into Spark SQL.

sqlglot does the general translation (names of functions, casts, lambdas, 1-based list
indexes, `$param` → `:param`). The rules below cover what it leaves in DuckDB's words, for the
constructs the project's SQL uses. A construct neither handles is an error here, not a silent
mistranslation, and the SQL is restructured so both engines run it (never a second copy).

Conventions the rules rely on (kept by the SQL in queries/):
- `timezone(zone, instant)` gives the wall-clock time in `zone`; `timezone(zone, cast(x as
  timestamp))` reads the wall-clock time `x` in `zone` as an instant. DuckDB decides by the
  argument's type, Spark needs the direction spelled out, so a wall-clock argument is always an
  explicit cast to timestamp.
- Session constants are read with `getvariable('name')`; on Spark they become bound parameters.
- Spark runs with its session time zone set to UTC (spark.sql.session.timeZone).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlglot
from sqlglot import exp

# DuckDB's strftime pattern for an ISO week label (2026-W47), which Spark's date_format cannot
# write (it has no week-based-year letters).
ISO_WEEK_LABEL = "%G-W%V"


class UntranslatableSQL(ValueError):
    """The statement uses a DuckDB construct with no rule for Spark."""


def to_spark(sql: str, variables: dict[str, Any] | None = None) -> tuple[str, list[str]]:
    """Spark SQL for a DuckDB statement, and the names of the parameters it binds.

    `getvariable('x')` becomes the parameter `:x`, so the caller binds session constants
    with the statement's own `$params`.
    """
    text, names = _translate(sql)
    if variables is not None:
        missing = {name for name in names if name.startswith("sc_")} - variables.keys()
        if missing:
            raise KeyError(f"missing session variables: {', '.join(sorted(missing))}")
    return text, list(names)


@cache
def _translate(sql: str) -> tuple[str, tuple[str, ...]]:
    tree = sqlglot.parse_one(sql, read="duckdb")
    for join in tree.find_all(exp.Join):
        if "ASOF" in (join.args.get("kind") or "").upper() or join.text("method").upper() == (
            "ASOF"
        ):
            raise UntranslatableSQL("ASOF JOIN has no Spark equivalent: join on staged weeks")
    # A rule that rebuilds a node (list_sum, timezone) hides its arguments from the same pass:
    # repeat until nothing changes.
    for _ in range(8):
        before = tree.sql(dialect="duckdb")
        tree = tree.transform(_rule)
        if tree.sql(dialect="duckdb") == before:
            break
    names = sorted({p.name for p in tree.find_all(exp.Placeholder) if p.name})
    return tree.sql(dialect="spark"), tuple(names)


def _rule(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Anonymous):
        return _function(node)
    if (
        isinstance(node, exp.Literal)
        and not node.is_string
        and "." in node.this
        and not (isinstance(node.parent, exp.Cast) and node.parent.to.is_type("double"))
    ):
        # 52.0 is a decimal on both engines, but DuckDB divides decimals in double precision
        # where Spark keeps a decimal of limited scale (8.65224649 for 8.6522462562…).
        return exp.Cast(this=node.copy(), to=exp.DataType.build("double"))
    if isinstance(node, exp.PercentileCont):
        # quantile_cont(x, [p, q]): Spark's percentile interpolates the same way (type 7).
        return exp.Anonymous(this="percentile", expressions=[node.this, node.expression])
    if isinstance(node, exp.ToMap):
        # map {'k': v, …} → map('k', v, …)
        pairs: list[exp.Expression] = []
        for item in node.this.expressions:
            if isinstance(item, exp.PropertyEQ):
                pairs += [exp.Literal.string(item.this.name), item.expression]
            else:
                pairs += [exp.Literal.string(item.alias), item.this]
        return exp.Anonymous(this="map", expressions=pairs)
    if isinstance(node, exp.ToDays):
        return exp.Anonymous(this="make_dt_interval", expressions=[node.this])
    if isinstance(node, exp.TimeToStr) and node.text("format") == ISO_WEEK_LABEL:
        return _iso_week_label(node.this)
    if isinstance(node, exp.Select):
        return _star_replace(node)
    if isinstance(node, exp.ArrayAgg) and isinstance(node.this, exp.Order):
        return _ordered_list(node.this)
    return node


def _function(node: exp.Anonymous) -> exp.Expression:
    name = node.name.lower()
    args = node.expressions
    if name == "getvariable":
        return exp.Placeholder(this=args[0].name)
    if name == "timezone":
        zone, value = args
        if isinstance(value, exp.Cast) and value.to.this in (
            exp.DataType.Type.TIMESTAMP,
            exp.DataType.Type.TIMESTAMPNTZ,
        ):
            # wall-clock time in `zone` → instant
            return exp.Anonymous(this="to_utc_timestamp", expressions=[value, zone])
        # instant → wall-clock time in `zone`
        return exp.Anonymous(this="from_utc_timestamp", expressions=[value, zone])
    if name == "list_position":
        # Both count from 1 (DuckDB gives null where Spark gives 0 for a missing element).
        return exp.Anonymous(this="array_position", expressions=args)
    if name == "epoch_us":
        return exp.Anonymous(this="unix_micros", expressions=args)
    if name == "to_microseconds":
        # A whole number of microseconds as a day-time interval (seconds with 6 decimals).
        seconds = exp.Div(
            this=exp.Cast(this=args[0], to=exp.DataType.build("decimal(18, 0)")),
            expression=exp.Literal.number(1000000),
        )
        zero = exp.Literal.number(0)
        return exp.Anonymous(this="make_dt_interval", expressions=[zero, zero, zero, seconds])
    if name == "list_sum":
        # aggregate(list, 0, (total, x) -> total + x); null for a null list, as in DuckDB.
        # (An empty list gives 0, where DuckDB gives null; the SQL wraps it in coalesce(…, 0).)
        total, item = exp.to_identifier("sc_total"), exp.to_identifier("sc_item")
        merge = exp.Lambda(
            this=exp.Add(this=exp.column(total), expression=exp.column(item)),
            expressions=[total, item],
        )
        zero = exp.Cast(this=exp.Literal.number(0), to=exp.DataType.build("double"))
        return exp.Anonymous(this="aggregate", expressions=[args[0], zero, merge])
    return node


def _ordered_list(order: exp.Order) -> exp.Expression:
    """list(v order by k1, k2) → the values of collect_list(struct(k1, k2, v)) sorted (struct
    comparison goes field by field); ascending keys only."""
    fields = []
    for position, key in enumerate(order.expressions):
        if key.args.get("desc"):
            raise UntranslatableSQL("list(… order by … desc) has no rule for Spark")
        fields.append(exp.alias_(key.this, f"sc_key{position}"))
    fields.append(exp.alias_(order.this, "sc_value"))
    collected = exp.Anonymous(
        this="collect_list", expressions=[exp.Anonymous(this="struct", expressions=fields)]
    )
    item = exp.to_identifier("sc_entry")
    return exp.Anonymous(
        this="transform",
        expressions=[
            exp.Anonymous(this="array_sort", expressions=[collected]),
            exp.Lambda(this=exp.column("sc_value", table=item), expressions=[item]),
        ],
    )


def _iso_week_label(value: exp.Expression) -> exp.Expression:
    year = exp.Extract(this=exp.var("YEAROFWEEK"), expression=value)
    week = exp.Anonymous(
        this="lpad",
        expressions=[
            exp.Cast(
                this=exp.Anonymous(this="weekofyear", expressions=[value.copy()]),
                to=exp.DataType.build("string"),
            ),
            exp.Literal.number(2),
            exp.Literal.string("0"),
        ],
    )
    return exp.Anonymous(
        this="concat",
        expressions=[
            exp.Cast(this=year, to=exp.DataType.build("string")),
            exp.Literal.string("-W"),
            week,
        ],
    )


def _star_replace(select: exp.Select) -> exp.Select:
    """`t.* replace (e as c)` → `t.* except (c), e as c` (columns are read by name)."""
    new_expressions = []
    changed = False
    for item in select.expressions:
        star = (
            item.this if isinstance(item, exp.Column) and isinstance(item.this, exp.Star) else item
        )
        replace = star.args.get("replace") if isinstance(star, exp.Star) else None
        if not replace:
            new_expressions.append(item)
            continue
        changed = True
        star.set("replace", None)
        star.set("except_", [exp.column(e.alias) for e in replace])
        new_expressions.append(item)
        new_expressions.extend(replace)
    if changed:
        select.set("expressions", new_expressions)
    return select
