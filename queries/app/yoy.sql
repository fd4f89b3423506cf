select * from kpi_yoy
where kpi_id = $kpi
order by district, bureau, year
