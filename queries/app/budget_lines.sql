-- One table's lines of one document, with the document's title (a treemap tile's hover names it).
select b.*, d.title
from budget_lines as b
left join documents as d using (doc_id)
where b.doc_id = $doc_id and b.table_name = $table_name
order by b.line, b.column_name
