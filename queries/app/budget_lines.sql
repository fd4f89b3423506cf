select * from budget_lines
where doc_id = $doc_id and table_name = $table_name
order by line, column_name
