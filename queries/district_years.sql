-- Stored at build.
-- The district-years that have values, with how many KPIs each reports.
select district, year, count(*) as kpis
from kpi_values
group by district, year
order by district, year
