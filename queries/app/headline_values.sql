-- The values headline sentences may compare ($kpis): comparable ones only (ranked in
-- kpi_benchmark's same-year alignment: one year, whole year, exact, the catalog's
-- definition, one kind of bureau: bureau_kind), so a sentence never sets 1-10月 beside a whole year.
select kpi_id, comparison, district, bureau, year, value, unit, period, rank, districts, bureau_kind
from kpi_benchmark
where alignment = 'same_year' and rank is not null and list_contains($kpis, kpi_id)
order by kpi_id, year desc, bureau_kind, rank, district, bureau
