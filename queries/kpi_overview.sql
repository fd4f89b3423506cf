-- The Overview page's rows, stored at build: each district's latest value of every
-- KPI, with its change on the previous available year, its rank among the
-- districts that report it, and its document's title.
select
    b.district, b.kpi_id, b.year, b.value, b.unit, b.status, b.period, b.rank, b.districts,
    y.previous_year, y.previous_value, y.change, y.change_pct,
    v.qualifier, v.note, b.doc_id, b.line, b.quote, d.title
from kpi_benchmark as b
left join kpi_yoy as y using (district, kpi_id, year)
left join kpi_values as v using (district, kpi_id, year)
join documents as d on d.doc_id = b.doc_id
where b.alignment = 'latest'
order by b.district, b.kpi_id
