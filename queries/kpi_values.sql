-- One value per (district, bureau, year, kpi_id), chosen from kpi_observations by this rule
-- (bureau: the issuing body, so two bureaus of one district-year are two values, and a
-- choice or a conflict is only ever among one bureau's figures):
--   0. a figure a person reviewed or entered (data/decisions.csv) before any other;
--   1. results only: targets (年度指标值) are never values;
--   2. the catalog's definition before another (a 决算's 本年支出合计 of every fund is
--      kept, but a self-evaluation's 执行数 is the KPI);
--   3. a whole-year figure before a part-year one (1-10月);
--   4. a figure the document reports before one derived by arithmetic;
--   5. the more precise figure first (99.99% states more than 99.9%);
--   6. then the earliest line (the report's summary precedes its tables).
-- chosen_by names the step that set the chosen figure before the next one (null when
-- there is no other). status: 'reviewed' / 'entered' for a person's figure, else
-- 'conflict' when the year's figures of one definition and period disagree (see
-- kpi_conflicts), else 'derived' or 'reported'. A KPI a document does not report has no row.
--
-- Comparability, decided here and used by every ranking, average, change and trend:
-- not_comparable is null for a whole-year, exact figure of the catalog's definition;
-- else why it is compared with nothing but its own kind: 'definition' (another
-- measure: definition says which), 'part_year' (period says which months),
-- 'approximate' (约 / 超过: qualifier); and first of all 'ocr', a figure read by text
-- recognition from a scanned page (its note starts 'ocr：', etl/ocr.py) that no person has
-- accepted yet (review is null): shown, never compared, until accepted in the review. The
-- kind of bureau and the year are the views' own partitions (kpi_benchmark, kpi_yoy).
with source as (
    -- bureau and bureau_kind are each figure's document's (etl/build.py); a kpi_observations
    -- written without them (by hand in a test, by bench/million.py) reads as one bureau
    select * replace (coalesce(bureau, '') as bureau)
    from (select null::varchar as bureau, null::varchar as bureau_kind where false
          union all by name select * from kpi_observations)
    where kind in ('actual', 'derived')
),

ranked as (
    select
        *,
        row_number() over w as choice,
        lead(review) over w as next_review,
        lead(definition) over w as next_definition,
        lead(period) over w as next_period,
        lead(kind) over w as next_kind,
        lead(precision) over w as next_precision,
        count(*) over (partition by district, bureau, year, kpi_id) as observations
    from source
    window w as (
        partition by district, bureau, year, kpi_id
        order by review is null, definition is not null, period is not null, kind <> 'actual', precision, doc_id, line
    )
),

conflicted as (
    select distinct district, bureau, year, kpi_id, period, definition from kpi_conflicts
),

final as (
    select
        r.district,
        r.year,
        r.kpi_id,
        r.value,
        r.unit,
        r.doc_id,
        r.line,
        r.quote,
        case
            when r.review is not null then r.review
            when c.kpi_id is not null then 'conflict'
            when r.kind = 'derived' then 'derived'
            else 'reported'
        end as status,
        r.period,
        r.qualifier,
        r.note,
        r.precision,
        r.observations,
        r.definition,
        case
            when r.review is null and starts_with(r.note, 'ocr：') then 'ocr'
            when r.definition is not null then 'definition'
            when r.period is not null then 'part_year'
            when r.qualifier is not null then 'approximate'
        end as not_comparable,
        case
            when r.observations = 1 then null
            when r.review is not null and r.next_review is null then 'reviewed'
            when r.definition is null and r.next_definition is not null then 'definition'
            when r.period is null and r.next_period is not null then 'whole_year'
            when r.kind = 'actual' and r.next_kind <> 'actual' then 'stated'
            when r.precision < r.next_precision then 'precise'
            else 'first_line'
        end as chosen_by,
        r.bureau,
        r.bureau_kind
    from ranked as r
    left join conflicted as c
      on r.district = c.district and r.bureau = c.bureau and r.year = c.year and r.kpi_id = c.kpi_id
     and r.period is not distinct from c.period and r.definition is not distinct from c.definition
    where r.choice = 1
)

select * from final
order by kpi_id, district, year, bureau
