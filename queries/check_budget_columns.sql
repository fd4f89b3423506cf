-- column_sum checks of the 部门决算 tables (see check_budget_lines.sql): within one row,
-- a total column = the sum of its part columns (signed for balances).
with source as (
    select * from budget_line_items
),

-- column_sum: a row's total column and its part columns.
column_parts (table_name, total_column, part_column, sign, position) as (
    values
        ('收入决算表', '本年收入合计', '财政拨款收入', 1, 1),
        ('收入决算表', '本年收入合计', '上级补助收入', 1, 2),
        ('收入决算表', '本年收入合计', '事业收入', 1, 3),
        ('收入决算表', '本年收入合计', '经营收入', 1, 4),
        ('收入决算表', '本年收入合计', '附属单位上缴收入', 1, 5),
        ('收入决算表', '本年收入合计', '其他收入', 1, 6),
        ('支出决算表', '本年支出合计', '基本支出', 1, 7),
        ('支出决算表', '本年支出合计', '项目支出', 1, 8),
        ('支出决算表', '本年支出合计', '上缴上级支出', 1, 9),
        ('支出决算表', '本年支出合计', '经营支出', 1, 10),
        ('支出决算表', '本年支出合计', '对附属单位补助支出', 1, 11),
        ('一般公共预算财政拨款支出决算表', '本年支出合计', '基本支出', 1, 12),
        ('一般公共预算财政拨款支出决算表', '本年支出合计', '项目支出', 1, 13),
        ('政府性基金预算财政拨款收入支出决算表', '本年支出小计', '基本支出', 1, 14),
        ('政府性基金预算财政拨款收入支出决算表', '本年支出小计', '项目支出', 1, 15),
        ('政府性基金预算财政拨款收入支出决算表', '年末结转和结余', '年初结转和结余', 1, 16),
        ('政府性基金预算财政拨款收入支出决算表', '年末结转和结余', '本年收入', 1, 17),
        ('政府性基金预算财政拨款收入支出决算表', '年末结转和结余', '本年支出小计', -1, 18),
        ('财政拨款收入支出决算总表', '合计', '一般公共预算财政拨款', 1, 19),
        ('财政拨款收入支出决算总表', '合计', '政府性基金预算财政拨款', 1, 20),
        ('非税收入征缴情况表', '合计', '纳入预算管理已缴国库小计', 1, 21),
        ('非税收入征缴情况表', '合计', '纳入财政专户管理已缴财政专户小计', 1, 22)
),

column_sums as (
    select
        t.doc_id, t.district, t.year, t.table_name, t.column_name,
        'column_sum:' || t.table_name || ':' || t.row_key || ':' || t.column_name as check_id,
        t.table_name || ' ' || coalesce(t.code || ' ', '') || t.name || '：' || t.column_name || ' = '
            || ltrim(string_agg(case when m.sign < 0 then '- ' else '+ ' end || m.part_column, ' ' order by m.position), '+ ') as subject,
        t.value as expected,
        sum(m.sign * p.value) as actual,
        t.line,
        ltrim(string_agg(case when m.sign < 0 then '- ' else '+ ' end || p.column_name || ' ' || p.value::varchar, ' '
                         order by m.position), '+ ') as detail
    from source as t
    join column_parts as m
      on m.table_name = t.table_name and m.total_column = t.column_name
    join source as p
      on p.doc_id = t.doc_id and p.table_name = t.table_name and p.row_key = t.row_key
     and p.column_name = m.part_column
    group by t.doc_id, t.district, t.year, t.table_name, t.column_name, t.row_key, t.code, t.name, t.value, t.line
),

checks as (
    select 'column_sum' as check_type, * from column_sums
)

select * from checks
