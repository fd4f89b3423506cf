-- Stored at build in the order district, year, kpi_id, line, which a scan keeps.
select * from conflict_review
