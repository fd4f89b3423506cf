select * from kpi_scorecard
