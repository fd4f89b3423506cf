-- The values of the KPIs in $kpis, each with its document (stored in the order
-- kpi_id, district, year, which a filtered scan keeps).
select * from kpi_value_sources
where list_contains($kpis, kpi_id)
