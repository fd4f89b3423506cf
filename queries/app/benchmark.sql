select b.*, v.qualifier, v.note, d.title
from kpi_benchmark as b
left join kpi_values as v using (district, bureau, kpi_id, year)
join documents as d on d.doc_id = b.doc_id
where b.kpi_id = $kpi and b.alignment = $alignment
order by b.comparison, b.rank, b.district, b.bureau
