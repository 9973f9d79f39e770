-- Parsing helpers for the load checks in queries/load/. Temporary: created on the
-- connection that loads, before each load. Each takes raw text and returns a typed value,
-- or NULL when the text does not parse (the checks then say why).

-- Text with surrounding spaces removed; NULL when blank.
create or replace temp macro sc_blank(s) as nullif(trim(s), '');

-- ISO-8601 instants (SPEC §10, §11): date, optional time with optional seconds and
-- fraction, optional Z / ±HH:MM / ±HHMM / ±HH offset. Non-matching text gives all ''.
-- `instant` is set only on the fast path below; the other fields are then ''.
create or replace temp macro sc_ts_parts_careful(s) as struct_insert(regexp_extract(
    trim(coalesce(s, '')),
    '^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$',
    ['d', 't', 'z', 'sign', 'oh', 'om']
), instant := null::timestamptz);

-- The fast path, for the one shape exports nearly always use: UTC with a Z, seconds and at
-- most six fraction digits ("2026-11-16 09:30:00Z", "2026-11-16T09:30:00.123456Z"). Matching
-- the shape without capturing groups is a quarter of the careful path's cost; for such text
-- DuckDB's own cast reads the same instant the careful path computes (a test compares the two
-- on generated text). Anything else, including a date the cast refuses, takes the careful
-- path, so values and reasons stay the same.
create or replace temp macro sc_ts_fast_shape(s) as regexp_full_match(
    s, '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?Z'
);
create or replace temp macro sc_ts_parts(s) as (
    case
        when sc_ts_fast_shape(s) and try_cast(s as timestamptz) is not null
            then {'d': '', 't': '', 'z': '', 'sign': '', 'oh': '', 'om': '',
                  'instant': try_cast(s as timestamptz)}
        else sc_ts_parts_careful(s)
    end
);

-- The wall-clock time the parts describe, without any zone.
create or replace temp macro sc_ts_local(p) as
    try_cast(p.d || ' ' || coalesce(nullif(p.t, ''), '00:00:00') as timestamp);

-- Offset of zone `tz` from UTC at an instant, as an interval.
create or replace temp macro sc_zone_offset(tz, instant) as
    timezone(tz, instant) - timezone('UTC', instant);

-- A wall-clock time in zone `tz` as an instant. ICU resolves an ambiguous time (clocks
-- going back) to its later occurrence; SPEC §10 wants the first one, which is the wall
-- time read with the offset in force a day earlier, when that reading round-trips.
-- A non-existent time (clocks going forward) moves forward by the gap, as ICU does.
create or replace temp macro sc_zone_to_utc(local_ts, tz) as least(
    timezone(tz, local_ts),
    case
        when timezone(tz, timezone('UTC', local_ts - sc_zone_offset(tz, timezone(tz, local_ts) - interval 1 day))) = local_ts
        then timezone('UTC', local_ts - sc_zone_offset(tz, timezone(tz, local_ts) - interval 1 day))
    end
);

-- Parsed instant (TIMESTAMPTZ, UTC). Offsets in the text win over the source zone `tz`.
create or replace temp macro sc_ts(p, tz) as (
    case
        when p.instant is not null then p.instant
        when p.d = '' then null
        when p.z <> '' then timezone('UTC', sc_ts_local(p))
        when p.sign = '+' then timezone('UTC', sc_ts_local(p)
            - to_hours(try_cast(p.oh as integer)) - to_minutes(try_cast(coalesce(nullif(p.om, ''), '0') as integer)))
        when p.sign = '-' then timezone('UTC', sc_ts_local(p)
            + to_hours(try_cast(p.oh as integer)) + to_minutes(try_cast(coalesce(nullif(p.om, ''), '0') as integer)))
        when tz = 'UTC' then timezone('UTC', sc_ts_local(p))
        else sc_zone_to_utc(sc_ts_local(p), tz)
    end
);

-- A mapping's time that did not fit its stated format reaches the checks as
-- chr(30) || format || chr(30) || original text, so the reason can name the format.
create or replace temp macro sc_format_of(raw) as (
    case when starts_with(raw, chr(30)) then split_part(raw, chr(30), 2) end
);
create or replace temp macro sc_shown(raw) as (
    case
        when starts_with(raw, chr(30)) then split_part(raw, chr(30), 3)
        -- A nested JSON or Parquet value, marked by the reader (sources.NESTED_MARK).
        when starts_with(raw, chr(29)) then substr(raw, 2)
        else raw
    end
);

-- Why a non-blank timestamp text was refused, or NULL when it parsed.
create or replace temp macro sc_ts_problem(raw, p) as (
    case
        when p.instant is not null then null
        when sc_blank(raw) is null then null
        when sc_format_of(raw) is not null
            then 'does not match the format "' || sc_format_of(raw) || '" (or is not a real date)'
        when p.d = '' then 'not an ISO-8601 timestamp'
        when sc_ts_local(p) is null then 'impossible date or time'
        when p.sign <> '' and (try_cast(p.oh as integer) > 18 or try_cast(coalesce(nullif(p.om, ''), '0') as integer) > 59)
            then 'impossible UTC offset'
    end
);

-- Calendar dates: YYYY-MM-DD, optionally followed by a midnight time.
create or replace temp macro sc_date_text(s) as regexp_extract(
    trim(coalesce(s, '')), '^(\d{4}-\d{2}-\d{2})(?:[Tt ]00:00(?::00(?:\.0+)?)?)?$', 1
);
create or replace temp macro sc_date(s) as try_cast(nullif(sc_date_text(s), '') as date);
create or replace temp macro sc_date_problem(s) as (
    case
        when sc_blank(s) is null then null
        when sc_format_of(s) is not null
            then 'does not match the format "' || sc_format_of(s) || '" (or is not a real date)'
        when sc_date_text(s) = '' then 'not a date (YYYY-MM-DD)'
        when sc_date(s) is null then 'impossible date'
    end
);

-- Finite decimal numbers (no hex, no NaN, no infinity, no thousands separators). Plain
-- digits (the usual case) are cast directly; anything else is matched first.
create or replace temp macro sc_num_careful(s) as (
    case
        when regexp_full_match(trim(coalesce(s, '')), '[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?')
            and isfinite(try_cast(trim(s) as double))
        then try_cast(trim(s) as double)
    end
);
create or replace temp macro sc_num_fast_shape(s) as regexp_full_match(s, '[0-9]{1,15}(?:\.[0-9]{1,6})?');
create or replace temp macro sc_num(s) as (
    case
        when sc_num_fast_shape(s) then cast(s as double)
        else sc_num_careful(s)
    end
);
create or replace temp macro sc_num_problem(s) as (
    case
        when sc_num_fast_shape(s) then null
        when sc_blank(s) is not null and sc_num_careful(s) is null then 'not a finite number'
    end
);

-- Whole numbers (3 and 3.0 are both 3), within the integer range. Up to nine plain digits
-- are always one (the usual case, cast directly).
create or replace temp macro sc_int_careful(s) as (
    case when sc_num_careful(s) = floor(sc_num_careful(s)) and abs(sc_num_careful(s)) < 2147483648
        then cast(sc_num_careful(s) as integer) end
);
create or replace temp macro sc_int_fast_shape(s) as regexp_full_match(s, '[0-9]{1,9}');
create or replace temp macro sc_int(s) as (
    case
        when sc_int_fast_shape(s) then cast(s as integer)
        else sc_int_careful(s)
    end
);
create or replace temp macro sc_count_problem(s) as (
    case
        when sc_int_fast_shape(s) then null
        when sc_blank(s) is null then null
        when sc_int_careful(s) is null then 'not a whole number'
        when sc_int_careful(s) < 0 then 'negative count'
    end
);

-- Booleans: true/false, yes/no, 1/0 in any case; blank is NULL here (callers decide).
create or replace temp macro sc_bool(s) as (
    case lower(trim(s))
        when 'true' then true when 'yes' then true when '1' then true
        when 'false' then false when 'no' then false when '0' then false
    end
);
create or replace temp macro sc_bool_problem(s) as (
    case when sc_blank(s) is not null and sc_bool(s) is null then 'not a boolean (true/false, yes/no, 1/0)' end
);

-- A problem entry: which column, its raw value, and why.
create or replace temp macro sc_problem(column_name, raw, reason) as (
    case when reason is not null then {'column': column_name, 'value': sc_shown(raw), 'reason': reason} end
);

-- Instants later than the load allows (a typo like 2062 would distort every backlog).
create or replace temp macro sc_future_problem(instant, latest) as (
    case when instant > latest then 'more than one day after the load' end
);
