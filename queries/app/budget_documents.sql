-- The documents of one kind that have rows in the Budget page's tables ($kind:
-- final_accounts for budget_lines, project_targets for projects), latest first.
select d.doc_id, d.district, d.year, d.title
from documents as d
where d.kind = $kind
  and (exists (select 1 from budget_lines as b where b.doc_id = d.doc_id)
       or exists (select 1 from projects as p where p.doc_id = d.doc_id))
order by d.year desc, d.district, d.doc_id
