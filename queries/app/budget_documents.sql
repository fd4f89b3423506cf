-- The documents of the kinds in $kinds that have rows in the Budget page's tables
-- (final_accounts and budget: budget_lines; project_targets: projects), latest first.
select d.doc_id, d.district, d.bureau, d.year, d.kind, d.title
from documents as d
where list_contains($kinds, d.kind)
  and (exists (select 1 from budget_lines as b where b.doc_id = d.doc_id)
       or exists (select 1 from projects as p where p.doc_id = d.doc_id))
order by d.year desc, d.district, d.kind, d.doc_id
