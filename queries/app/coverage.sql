-- What each district-year reports of each KPI (the values are on the values table).
select kpi_id, district, bureau, year, status from kpi_coverage
