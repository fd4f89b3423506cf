select doc_id, district, year, kind, title, file, line_count, sha256, district_full, bureau
from documents
order by district, year, kind
