select doc_id, district, year, kind, title, file, line_count, sha256
from documents
order by district, year, kind
