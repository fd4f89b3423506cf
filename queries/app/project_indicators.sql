select * from project_indicators
where doc_id = $doc_id and project_name = $project_name
order by seq
