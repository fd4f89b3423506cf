-- Year over year for each district's bureau and KPI (one bureau's figures, never one
-- bureau's year against another's): the value, the previous year that has a value of
-- the same definition and period (years with no figure are skipped, not
-- filled; a 决算's 部门整体预算完成率 is no previous year of a self-evaluation's 执行率,
-- nor a 1-10月 figure of a whole year's), the change and % change: only between exact
-- figures (a change from or to 约302万 is not computed), and never from or to a figure
-- read from a scan that no person has accepted yet (kpi_values.not_comparable 'ocr').
with source as (
    select district, bureau, kpi_id, year, value, unit, status, period, definition, qualifier, doc_id, line,
           coalesce(not_comparable = 'ocr', false) as unreviewed_scan
    from kpi_values
),

paired as (
    select
        *,
        lag(year) over w as previous_year,
        lag(value) over w as previous_value,
        lag(status) over w as previous_status,
        lag(qualifier) over w as previous_qualifier,
        lag(unreviewed_scan) over w as previous_unreviewed_scan
    from source
    window w as (partition by district, bureau, kpi_id, definition, period order by year)
),

final as (
    select
        district,
        bureau,
        kpi_id,
        year,
        value,
        unit,
        status,
        period,
        previous_year,
        previous_value,
        previous_status,
        case when qualifier is null and previous_qualifier is null and not unreviewed_scan and not previous_unreviewed_scan
             then value - previous_value end as change,
        case when qualifier is null and previous_qualifier is null and not unreviewed_scan and not previous_unreviewed_scan
             and previous_value <> 0 then (value - previous_value) / previous_value * 100 end as change_pct,
        doc_id,
        line
    from paired
)

select * from final
order by district, bureau, kpi_id, year
