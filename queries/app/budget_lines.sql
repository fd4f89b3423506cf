select * from budget_lines
where table_name = $table_name
order by line, column_name
