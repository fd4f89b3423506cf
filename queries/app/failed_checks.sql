select q.*, d.title, d.bureau
from quality_checks as q
join documents as d using (doc_id)
where not q.passed
order by q.district, q.year, q.check_type, q.check_id
