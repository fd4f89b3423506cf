-- What each district-year reports of each KPI, per bureau: 'reported', 'derived',
-- 'conflict', or 'absent' (the document is there but does not give the figure).
with district_years as (
    select distinct district, bureau, year from kpi_values
),

grid as (
    select c.kpi_id, dy.district, dy.bureau, dy.year
    from kpi_catalog as c
    cross join district_years as dy
),

final as (
    select
        g.kpi_id,
        g.district,
        g.bureau,
        g.year,
        coalesce(v.status, 'absent') as status,
        v.value,
        v.period
    from grid as g
    left join kpi_values as v using (kpi_id, district, bureau, year)
)

select * from final
order by kpi_id, district, year, bureau
