-- The share of indicators met per district, bureau and year (the Overview's cards).
select * from indicator_results_by_bureau
order by district, year, bureau
