-- Budget and final accounts side by side (the World Bank BOOST layout: approved vs
-- actual): per district-year that has both a 部门预算 and a 部门决算, per 功能分类 code,
-- the budget's spending total (a 支出 预算 table's 合计) and the final accounts'
-- (支出决算表, 本年支出合计), with the share spent. Each figure keeps its document and line.
with budget as (
    select district, year, code, any_value(name) as name, max(value) as budget, any_value(doc_id) as budget_doc,
           min(line) as budget_line
    from budget_lines
    where stage = 'budget' and code is not null and table_name like '%支出%预算%' and column_name = '合计'
    group by district, year, code
),

final as (
    select district, year, code, any_value(name) as name, max(value) as final, any_value(doc_id) as final_doc,
           min(line) as final_line
    from budget_lines
    where stage = 'final' and code is not null and table_name = '支出决算表' and column_name = '本年支出合计'
    group by district, year, code
),

paired as (
    select district, year from budget
    intersect
    select district, year from final
)

select
    coalesce(b.district, f.district) as district,
    coalesce(b.year, f.year) as year,
    coalesce(b.code, f.code) as code,
    coalesce(f.name, b.name) as name,
    b.budget,
    f.final,
    case when b.budget > 0 and f.final is not null then round(f.final / b.budget * 100, 2) end as execution_pct,
    b.budget_doc, b.budget_line, f.final_doc, f.final_line
from budget as b
full join final as f on b.district = f.district and b.year = f.year and b.code = f.code
where (coalesce(b.district, f.district), coalesce(b.year, f.year)) in (select (district, year) from paired)
order by district, year, code
