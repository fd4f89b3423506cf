-- The values headline sentences may compare ($kpis): comparable ones only (ranked in
-- kpi_benchmark's same-year alignment: one year, whole year, exact, the catalog's
-- definition, one kind of bureau: bureau_kind), so a sentence never sets 1-10月 beside a whole year.
-- With each value's document, line and quote: the Overview's picture draws the rows a
-- sentence compares, and its hover names their source.
select b.kpi_id, b.comparison, b.district, b.bureau, b.year, b.value, b.unit, b.period, b.rank, b.districts,
       b.bureau_kind, b.not_comparable, b.definition, b.doc_id, b.line, b.quote, d.title
from kpi_benchmark as b
join documents as d on d.doc_id = b.doc_id
where b.alignment = 'same_year' and b.rank is not null and list_contains($kpis, b.kpi_id)
order by b.kpi_id, b.year desc, b.bureau_kind, b.rank, b.district, b.bureau
