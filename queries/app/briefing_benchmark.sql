-- KPIs across districts for a briefing: each district's latest value within the
-- briefing's years ($years), the peer average excluding the district itself and the
-- rank (1 = best by the KPI's direction; for a size, 1 = largest), as kpi_benchmark's
-- 'latest' alignment does over all years. Peers are every district reporting the KPI
-- in those years, as on the Benchmark page; the page picks the districts to show.
with source as (
    select v.*, c.higher_is_better
    from kpi_values as v
    join kpi_catalog as c using (kpi_id)
    where list_contains($kpis, v.kpi_id) and list_contains($years, v.year)
),

latest as (
    select * from source
    qualify year = max(year) over (partition by kpi_id, district)
),

scored as (
    select
        *,
        case when higher_is_better is false then -value else value end as score,
        count(*) over w as districts,
        avg(value) over (w rows between unbounded preceding and unbounded following exclude current row)
            as peer_average
    from latest
    window w as (partition by kpi_id)
),

final as (
    select
        s.kpi_id,
        s.district,
        s.year,
        s.value,
        s.unit,
        s.status,
        s.period,
        s.qualifier,
        rank() over (partition by s.kpi_id order by s.score desc) as rank,
        s.districts,
        s.peer_average,
        s.doc_id,
        s.line,
        s.quote,
        d.title
    from scored as s
    join documents as d using (doc_id)
)

select * from final
order by kpi_id, rank, district
