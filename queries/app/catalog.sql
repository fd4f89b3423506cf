select * from kpi_catalog
order by category, kpi_id
