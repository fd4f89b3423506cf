select * from project_indicators
where project_name = $project_name
order by seq
