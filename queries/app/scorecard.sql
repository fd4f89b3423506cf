-- The scorecard with each value's document title (a cell's hover names it).
select s.*, d.title
from kpi_scorecard as s
left join documents as d using (doc_id)
order by s.kpi_id, s.district, s.bureau
