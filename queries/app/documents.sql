select doc_id, district, year, kind, title, file, line_count, sha256, district_full, bureau, bureau_kind,
       source_url, fetched_at, published, added_by, added_at
from documents
order by district, year, kind, bureau
