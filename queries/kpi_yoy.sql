-- Year over year for each district and KPI: the value, the previous year that has a
-- value (years with no figure are skipped, not filled), the change and % change.
with source as (
    select district, kpi_id, year, value, unit, status, period, doc_id, line from kpi_values
),

paired as (
    select
        *,
        lag(year) over w as previous_year,
        lag(value) over w as previous_value,
        lag(status) over w as previous_status
    from source
    window w as (partition by district, kpi_id order by year)
),

final as (
    select
        district,
        kpi_id,
        year,
        value,
        unit,
        status,
        period,
        previous_year,
        previous_value,
        previous_status,
        value - previous_value as change,
        case when previous_value <> 0 then (value - previous_value) / previous_value * 100 end as change_pct,
        doc_id,
        line
    from paired
)

select * from final
order by district, kpi_id, year
