-- Budget and final accounts side by side (the World Bank BOOST layout: approved vs
-- actual): per district-year that has both a 部门预算 and a 部门决算, per 功能分类 code,
-- the budget's spending total (a 支出 预算 table's 合计) and the final accounts'
-- (支出决算表, 本年支出合计), with the share spent. Each figure keeps its document and line.
-- A budget is paired with the final accounts of the same bureau (issuing body) only (a
-- 政府办's budget is not a 财政局's), one row per pair of documents and code.
with budget as (
    select b.district, b.year, d.bureau, b.code, any_value(b.name) as name, arg_min(b.value, b.line) as budget,
           b.doc_id as budget_doc, min(b.line) as budget_line
    from budget_lines as b
    join documents as d using (doc_id)
    where b.stage = 'budget' and b.code is not null and b.table_name like '%支出%预算%' and b.column_name = '合计'
    group by all
),

final as (
    select f.district, f.year, d.bureau, f.code, any_value(f.name) as name, arg_min(f.value, f.line) as final,
           f.doc_id as final_doc, min(f.line) as final_line
    from budget_lines as f
    join documents as d using (doc_id)
    where f.stage = 'final' and f.code is not null and f.table_name = '支出决算表' and f.column_name = '本年支出合计'
    group by all
),

paired as (
    select distinct b.district, b.bureau, b.year, b.budget_doc, f.final_doc
    from budget as b
    join final as f on b.district = f.district and b.year = f.year and b.bureau = f.bureau
),

-- every code either document of a pair reports
codes as (
    select p.*, b.code from paired as p join budget as b using (budget_doc)
    union
    select p.*, f.code from paired as p join final as f using (final_doc)
)

select
    c.district,
    c.year,
    c.code,
    coalesce(f.name, b.name) as name,
    b.budget,
    f.final,
    case when b.budget > 0 and f.final is not null then round(f.final / b.budget * 100, 2) end as execution_pct,
    c.budget_doc, b.budget_line, c.final_doc, f.final_line,
    bd.title as budget_title, fd.title as final_title,
    c.bureau
from codes as c
left join budget as b on b.budget_doc = c.budget_doc and b.code = c.code
left join final as f on f.final_doc = c.final_doc and f.code = c.code
join documents as bd on bd.doc_id = c.budget_doc
join documents as fd on fd.doc_id = c.final_doc
order by c.district, c.year, c.code, c.budget_doc, c.final_doc
