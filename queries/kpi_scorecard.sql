-- Every comparable KPI x district at each district's latest year, scored 0-1 so that
-- KPIs of different units share one colour scale: 1 = the best district, 0 = the
-- worst, following the KPI's direction. KPIs with no direction (sizes) or fewer
-- than two districts get no score; their values are still shown.
with source as (
    select b.*, c.higher_is_better
    from kpi_benchmark as b
    join kpi_catalog as c using (kpi_id)
    where b.alignment = 'latest'
),

spread as (
    select
        *,
        min(value) over (partition by kpi_id) as lowest,
        max(value) over (partition by kpi_id) as highest
    from source
),

final as (
    select
        kpi_id,
        district,
        year,
        value,
        unit,
        status,
        period,
        rank,
        districts,
        case
            when higher_is_better is null or districts < 2 then null
            when highest = lowest then 1.0
            when higher_is_better then (value - lowest) / (highest - lowest)
            else (highest - value) / (highest - lowest)
        end as score,
        doc_id,
        line
    from spread
)

select * from final
order by kpi_id, district
