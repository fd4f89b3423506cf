-- Every decision of data/decisions.csv as the build found it: applied, or stale
-- (its document not loaded, or its figure no longer found), with the document.
select
    r.state,
    r.decision,
    r.decided_by,
    r.kpi_id,
    r.value,
    r.year,
    r.period,
    r.line,
    r.found_kpi_id,
    r.found_value,
    r.reason,
    r.state_reason,
    r.decided_at,
    d.title,
    r.doc_id,
    r.sha256
from review_decisions as r
left join documents as d on d.doc_id = r.doc_id
order by r.state = 'applied', d.title, r.line
