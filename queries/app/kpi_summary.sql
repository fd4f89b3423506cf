select * from kpi_summary
