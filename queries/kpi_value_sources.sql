-- kpi_values with each value's document (title, file, kind), stored at build in the
-- order pages list them, so a page's query is a filtered scan, not a join and a sort
-- (at a million observations: 22 ms instead of 115 ms for four KPIs; bench/RESULTS.md).
select v.*, d.title, d.file, d.kind as doc_kind
from kpi_values as v
join documents as d using (doc_id)
order by v.kpi_id, v.district, v.year, v.bureau
