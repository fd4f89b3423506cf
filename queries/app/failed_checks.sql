select * from quality_checks
where not passed
order by district, year, check_type, check_id
