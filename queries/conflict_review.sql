-- The conflicts as the Sources page lists them, stored at build: every figure
-- involved, whether it is the one kpi_values chose, and its document's title.
select
    c.district, c.year, c.kpi_id, c.period, c.value, c.unit, c.kind, c.line, c.quote, c.note,
    c.value = v.value and c.line = v.line and c.doc_id = v.doc_id as chosen,
    d.title, c.doc_id
from kpi_conflicts as c
join documents as d on d.doc_id = c.doc_id
left join kpi_values as v on v.district = c.district and v.year = c.year and v.kpi_id = c.kpi_id
order by c.district, c.year, c.kpi_id, c.line
