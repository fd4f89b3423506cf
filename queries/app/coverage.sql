select * from kpi_coverage
