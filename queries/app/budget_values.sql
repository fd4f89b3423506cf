-- The Budget page's four money KPIs (budget, spending, basic and project spending)
-- per district-year and bureau, with each value's document and line (an image's source line
-- takes the document's title from the documents table).
select district, bureau, year, kpi_id, value, status, doc_id, line, quote
from kpi_value_sources
where kpi_id in ('budget_total', 'budget_executed', 'basic_expenditure', 'project_expenditure')
