-- One value per (district, year, kpi_id), chosen from kpi_observations by this rule:
--   0. a figure a person reviewed or entered (data/decisions.csv) before any other;
--   1. results only: targets (年度指标值) are never values;
--   2. a whole-year figure before a part-year one (1-10月);
--   3. a figure the document reports before one derived by arithmetic;
--   4. the more precise figure first (99.99% states more than 99.9%);
--   5. then the earliest line (the report's summary precedes its tables).
-- status: 'reviewed' / 'entered' for a person's figure, else 'conflict' when the
-- year's figures disagree (see kpi_conflicts), else 'derived' or 'reported'. A KPI a document does not report has no row.
with source as (
    select * from kpi_observations where kind in ('actual', 'derived')
),

ranked as (
    select
        *,
        row_number() over (
            partition by district, year, kpi_id
            order by review is null, period is not null, kind <> 'actual', precision, doc_id, line
        ) as choice,
        count(*) over (partition by district, year, kpi_id) as observations
    from source
),

conflicted as (
    select distinct district, year, kpi_id, period from kpi_conflicts
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
        r.observations
    from ranked as r
    left join conflicted as c
      on r.district = c.district and r.year = c.year and r.kpi_id = c.kpi_id
     and coalesce(r.period, '') = coalesce(c.period, '')
    where r.choice = 1
)

select * from final
order by kpi_id, district, year
