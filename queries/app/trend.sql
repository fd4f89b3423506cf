select v.district, v.year, v.value, v.unit, v.status, v.period, v.qualifier, v.note, v.doc_id, v.line, v.quote, d.title
from kpi_values as v
join documents as d using (doc_id)
where v.kpi_id = $kpi
order by v.district, v.year
