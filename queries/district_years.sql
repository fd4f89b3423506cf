-- Stored at build.
-- The district-years that have values, one row per bureau, with how many KPIs each reports.
select district, bureau, year, count(*) as kpis
from kpi_values
group by district, bureau, year
order by district, year, bureau
