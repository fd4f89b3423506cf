-- The Budget page's four money KPIs (budget, spending, basic and project spending)
-- per district-year and bureau, with each value's document and line (an image's source line
-- takes the document's title from the documents table; a chart's hover names it too).
select v.district, v.bureau, v.year, v.kpi_id, v.value, v.status, v.doc_id, v.line, v.quote, d.title
from kpi_value_sources as v
left join documents as d using (doc_id)
where v.kpi_id in ('budget_total', 'budget_executed', 'basic_expenditure', 'project_expenditure')
