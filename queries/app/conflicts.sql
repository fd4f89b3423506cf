-- Stored at build in the order kpi_id, district, year, which a scan keeps.
select * from conflict_review
