-- One 功能分类 code ($code) across every district-year that reports it: each document's
-- row total (本年支出合计 of a 支出决算表, 合计 of a 预算 支出 table, or the total of a
-- table read from sentences), with its stage, table, document and line.
select b.district, d.bureau, b.year, b.stage, b.name, b.value, b.table_name, d.title, b.doc_id, b.line
from budget_lines as b
join documents as d using (doc_id)
where b.code = $code
  and (b.column_name in ('本年支出合计', '合计'))
  and (b.table_name like '%支出%' or b.table_name like '%决算情况')
qualify row_number() over (partition by b.doc_id, b.stage order by b.table_name <> '支出决算表', b.line) = 1
order by b.year, b.district, d.bureau, b.stage
