select * from projects
where doc_id = $doc_id
order by total desc
