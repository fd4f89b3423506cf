-- KPIs across districts for a briefing: each district's (each bureau's) latest value within the
-- briefing's years ($years), the peer average excluding the district itself and the
-- rank (1 = best by the KPI's direction; for a size, 1 = largest), as kpi_benchmark's
-- 'latest' alignment does over all years, by the same rule (queries/macros/ranked.sql):
-- ranks and averages only among comparable values (kpi_values.not_comparable is null)
-- of one kind of bureau; a value not compared keeps its row with not_comparable saying why. Peers are
-- every district reporting the KPI in those years, as on the Benchmark page; the page
-- picks the districts to show.
with source as (
    select * from kpi_values
    where list_contains($kpis, kpi_id) and list_contains($years, year)
),

latest as (
    select 'latest' as alignment, 'latest' as comparison, * from source
    qualify year = max(year) over (partition by kpi_id, district, bureau)
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
        s.rank,
        s.districts,
        s.peer_average,
        s.not_comparable,
        s.definition,
        s.bureau,
        s.bureau_kind,
        s.doc_id,
        s.line,
        s.quote,
        d.title
    from ranked(latest) as s
    join documents as d using (doc_id)
)

select * from final
order by kpi_id, rank nulls last, district, bureau
