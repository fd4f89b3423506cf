-- The scorecard as stored: every value with its document title, in the order the page draws
-- it (queries/kpi_scorecard.sql writes it so; a scan keeps the order a table was written in,
-- DuckDB's preserve_insertion_order). Joining and sorting here cost 55 ms at 90,000 cells.
select * from kpi_scorecard
