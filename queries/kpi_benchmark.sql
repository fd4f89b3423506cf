-- Districts side by side for each KPI, one row per district's bureau (two bureaus of one
-- place are two rows, each named by bureau), aligned two ways:
--   alignment = 'same_year': districts compared within one year;
--   alignment = 'latest':    each bureau's latest year with a value (years may differ,
--                            and every label shows the year).
-- rank follows the KPI's direction (1 = best; for a size with no direction, 1 = largest);
-- gap_to_best is value minus the best value; peer_average excludes the district itself.
-- The ranking is queries/macros/ranked.sql. Like is compared with like: ranks, peer
-- averages, gaps and districts (the count ranked) are computed over comparable values only (kpi_values.not_comparable is null: whole
-- year, exact, the catalog's definition) of one kind of bureau (bureau_kind: a 财政局's
-- spending is never ranked against 政务服务数据管理局s'). A value not compared keeps its row, with
-- rank, gap and average empty and not_comparable saying why.
with source as (
    select * from kpi_values
),

latest as (
    select * from source
    qualify year = max(year) over (partition by district, bureau, kpi_id)
),

aligned as (
    select 'same_year' as alignment, cast(year as varchar) as comparison, * from source
    union all
    select 'latest' as alignment, 'latest' as comparison, * from latest
),

final as (
    select
        alignment,
        kpi_id,
        comparison,
        district,
        year,
        value,
        unit,
        status,
        period,
        rank,
        districts,
        gap_to_best,
        peer_average,
        doc_id,
        line,
        quote,
        bureau,
        bureau_kind,
        not_comparable,
        definition
    from ranked(aligned)
)

select * from final
order by alignment, kpi_id, comparison, rank nulls last, district, bureau
