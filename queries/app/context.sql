-- The lines around one line of a document, for showing a figure in its place.
select line, text, line = $line as is_target
from document_lines
where doc_id = $doc_id and line between $line - $radius and $line + $radius
order by line
