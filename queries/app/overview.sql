-- The Overview's KPIs ($kpis), each district's latest value; kpi_overview is stored
-- at build in the order district, kpi_id, which a filtered scan keeps.
select * from kpi_overview
where list_contains($kpis, kpi_id)
