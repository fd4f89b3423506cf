-- One document's projects, with its title (a bar's hover names it).
select p.*, d.title
from projects as p
left join documents as d using (doc_id)
where p.doc_id = $doc_id
order by p.total desc
