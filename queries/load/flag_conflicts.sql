-- Quarantine every copy of a key whose copies differ inside one file (SPEC §11).
-- Identical copies are left alone: they load once.
-- $params: $key_label (how the key reads in the reason, e.g. 'ticket_id')
-- grain: updates stage_checked in place
update stage_checked
set problems = list_append(problems, {
    'column': $key_label,
    'value': replace(_key, chr(31), ' + '),
    'reason': 'duplicate key with different content in this file'
})
where _key in (
    select _key
    from stage_checked
    where _key is not null
    group by _key
    having count(distinct _fp) > 1
)
