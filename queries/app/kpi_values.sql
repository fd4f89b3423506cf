select v.*, d.title, d.file, d.kind as doc_kind
from kpi_values as v
join documents as d using (doc_id)
order by v.kpi_id, v.district, v.year
