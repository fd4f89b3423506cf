select kpi_id, district, bureau, year, value, unit, status, period, qualifier, note, definition, not_comparable, doc_id, line,
       quote, title
from kpi_value_sources
where kpi_id = $kpi
order by district, bureau, year
