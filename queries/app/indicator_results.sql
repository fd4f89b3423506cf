select * from indicator_results
order by district, year
