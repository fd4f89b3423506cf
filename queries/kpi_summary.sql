-- Stored at build.
-- Each KPI that has values: how many districts and years report it (pickers list
-- these KPIs; a trend needs two or more years).
select
    kpi_id,
    count(distinct district) as districts,
    count(distinct year) as years,
    min(year) as first_year,
    max(year) as last_year
from kpi_values
group by kpi_id
order by kpi_id
