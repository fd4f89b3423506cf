-- children_sum checks of the 部门决算/预算 tables (see check_budget_lines.sql): a parent
-- code = its direct children (项 -> 款 -> 类), a 合计 = its 类 codes, a 总表's total = its items.
with source as (
    select * from budget_line_items
),

coded as (
    select * from budget_line_items where code is not null
),

-- children_sum, codes: 20103 = 2010301 + 2010302 + 2010350 + 2010399 in every column.
code_children as (
    select
        p.doc_id, p.district, p.year, p.table_name, p.column_name,
        'children_sum:' || p.table_name || ':' || p.code || ':' || p.column_name as check_id,
        p.table_name || ' ' || p.code || ' ' || p.name || '「' || p.column_name || '」= 下级科目之和' as subject,
        p.value as expected,
        sum(c.value) as actual,
        p.line,
        string_agg(c.code || ' ' || c.value::varchar, ' + ' order by c.code) as detail
    from coded as p
    join coded as c
      on c.doc_id = p.doc_id and c.table_name = p.table_name and c.column_name = p.column_name
     and c.parent_code = p.code
    group by all
),

-- children_sum, totals of coded tables: 合计 = the 类 codes (the 基本支出 table prints
-- 人员经费合计 and 公用经费合计, one per side: together they are its 合计).
coded_totals as (
    select doc_id, district, year, table_name, column_name,
           sum(value) as expected, min(line) as line, string_agg(name, '+' order by line) as total_names
    from source as t
    where code is null and name like '%合计'
      and exists (select 1 from coded as c where c.doc_id = t.doc_id and c.table_name = t.table_name and c.level = '类')
    group by all
),

total_children as (
    select
        t.doc_id, t.district, t.year, t.table_name, t.column_name,
        'children_sum:' || t.table_name || ':合计:' || t.column_name as check_id,
        t.table_name || ' ' || t.total_names || '「' || t.column_name || '」= 各类级科目之和' as subject,
        t.expected,
        coalesce(sum(c.value), 0) as actual,
        t.line,
        string_agg(c.code || ' ' || c.value::varchar, ' + ' order by c.code) as detail
    from coded_totals as t
    left join coded as c
      on c.doc_id = t.doc_id and c.table_name = t.table_name and c.column_name = t.column_name and c.level = '类'
    group by all
),

-- children_sum, named items of the tables without codes (the standard templates' rows).
-- part: the part's item (LIKE pattern); numbered: whether the part is an "一、" item.
named_parts (table_name, total_item, part, numbered, sign) as (
    values
        ('收入支出决算总表', '本年收入合计', '%收入', true, 1),
        ('收入支出决算总表', '本年支出合计', '%支出', true, 1),
        ('收入支出决算总表', '收入总计', '本年收入合计', false, 1),
        ('收入支出决算总表', '收入总计', '用事业基金弥补收支差额', false, 1),
        ('收入支出决算总表', '收入总计', '年初结转和结余', false, 1),
        ('收入支出决算总表', '支出总计', '本年支出合计', false, 1),
        ('收入支出决算总表', '支出总计', '结余分配', false, 1),
        ('收入支出决算总表', '支出总计', '年末结转和结余', false, 1),
        ('财政拨款收入支出决算总表', '本年收入合计', '%拨款', true, 1),
        ('财政拨款收入支出决算总表', '本年支出合计', '%支出', true, 1),
        ('财政拨款收入支出决算总表', '年初财政拨款结转和结余', '年初财政拨款结转和结余：%', false, 1),
        ('财政拨款收入支出决算总表', '收入总计', '本年收入合计', false, 1),
        ('财政拨款收入支出决算总表', '收入总计', '年初财政拨款结转和结余', false, 1),
        ('财政拨款收入支出决算总表', '支出总计', '本年支出合计', false, 1),
        ('财政拨款收入支出决算总表', '支出总计', '年末财政拨款结转和结余', false, 1),
        ('一般公共预算财政拨款“三公”经费支出决算表', '合计', '因公出国%费', false, 1),
        ('一般公共预算财政拨款“三公”经费支出决算表', '合计', '公务用车购置及运行费小计', false, 1),
        ('一般公共预算财政拨款“三公”经费支出决算表', '合计', '公务接待费', false, 1),
        ('一般公共预算财政拨款“三公”经费支出决算表', '公务用车购置及运行费小计', '公务用车购置费', false, 1),
        ('一般公共预算财政拨款“三公”经费支出决算表', '公务用车购置及运行费小计', '公务用车运行费', false, 1),
        ('非税收入征缴情况表', '合计', '%', true, 1)
),

-- each part as the subject names it; parts listed in one order (a build's rows are the same every time)
labelled_parts as (
    select
        *,
        case
            when numbered and part = '%' then '各编号项目（一、二、…）'
            when numbered then '各编号项目（' || replace(part, '%', '…') || '）'
            when part = total_item || '：%' then '其下各项（' || total_item || '：…）'
            else replace(part, '%', '…')
        end as label
    from named_parts
),

named_children as (
    select
        t.doc_id, t.district, t.year, t.table_name, t.column_name,
        'children_sum:' || t.table_name || ':' || t.name || ':' || t.column_name as check_id,
        t.table_name || ' ' || t.name || '「' || t.column_name || '」= '
            || string_agg(distinct m.label, ' + ' order by m.label) as subject,
        t.value as expected,
        coalesce(sum(m.sign * p.value), 0) as actual,
        t.line,
        string_agg(p.name || ' ' || p.value::varchar, ' + ' order by p.line, p.name) as detail
    from source as t
    join labelled_parts as m
      on m.table_name = t.table_name and m.total_item = t.item and t.code is null
    left join source as p
      on p.doc_id = t.doc_id and p.table_name = t.table_name and p.column_name = t.column_name
     and p.code is null and p.item like m.part and p.numbered = m.numbered
    group by t.doc_id, t.district, t.year, t.table_name, t.column_name, t.name, t.value, t.line
),

checks as (
    select 'children_sum' as check_type, * from code_children
    union all
    select 'children_sum', * from total_children
    union all
    select 'children_sum', * from named_children
)

select * from checks
