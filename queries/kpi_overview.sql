-- The Overview page's rows, stored at build: each district's latest value of every
-- KPI, per bureau (two bureaus of one place are two rows), with its change on the
-- previous year of the same bureau, definition and period, its rank among the values
-- of its kind of bureau that are comparable and of the same year (never across years),
-- not_comparable when it is not ranked, and its document's title.
select
    b.district, b.bureau, b.kpi_id, b.year, b.value, b.unit, b.status, b.period,
    s.rank, s.districts, b.not_comparable, b.definition,
    y.previous_year, y.previous_value, y.change, y.change_pct,
    v.qualifier, v.note, b.doc_id, b.line, b.quote, d.title
from kpi_benchmark as b
left join kpi_benchmark as s
  on s.alignment = 'same_year' and s.comparison = cast(b.year as varchar)
 and s.kpi_id = b.kpi_id and s.district = b.district and s.bureau = b.bureau
left join kpi_yoy as y
  on y.district = b.district and y.bureau = b.bureau and y.kpi_id = b.kpi_id and y.year = b.year
left join kpi_values as v
  on v.district = b.district and v.bureau = b.bureau and v.kpi_id = b.kpi_id and v.year = b.year
join documents as d on d.doc_id = b.doc_id
where b.alignment = 'latest'
order by b.district, b.kpi_id, b.bureau
