-- The tables of one document that have 功能分类 budget lines, the template's 支出决算表 first.
select table_name, count(*) as lines
from budget_lines
where doc_id = $doc_id and code is not null
group by table_name
order by table_name <> '支出决算表', table_name
