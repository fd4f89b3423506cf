-- cross_table_total checks of the 部门决算 tables (see check_budget_lines.sql): the same
-- total printed in two tables of one document, and a 总表 item against its 类 code.
with source as (
    select * from budget_line_items
),

coded as (
    select * from budget_line_items where code is not null
),

-- cross_table_total: one total, two tables. The expected side is the 总表 (summary).
-- item: a LIKE pattern on the item (the 基本支出 table's 合计 is its two 经费合计 rows).
cross_pairs (expected_table, expected_item, expected_column, actual_table, actual_item, actual_column) as (
    values
        ('收入支出决算总表', '本年收入合计', '决算数', '收入决算表', '合计', '本年收入合计'),
        ('收入支出决算总表', '本年支出合计', '决算数', '支出决算表', '合计', '本年支出合计'),
        ('收入支出决算总表', '上级补助收入', '决算数', '收入决算表', '合计', '上级补助收入'),
        ('收入支出决算总表', '事业收入', '决算数', '收入决算表', '合计', '事业收入'),
        ('收入支出决算总表', '经营收入', '决算数', '收入决算表', '合计', '经营收入'),
        ('收入支出决算总表', '附属单位上缴收入', '决算数', '收入决算表', '合计', '附属单位上缴收入'),
        ('收入支出决算总表', '其他收入', '决算数', '收入决算表', '合计', '其他收入'),
        ('收入支出决算总表', '政府性基金预算财政拨款收入', '决算数', '政府性基金预算财政拨款收入支出决算表', '合计', '本年收入'),
        ('财政拨款收入支出决算总表', '本年收入合计', '金额', '收入决算表', '合计', '财政拨款收入'),
        ('财政拨款收入支出决算总表', '本年支出合计', '一般公共预算财政拨款', '一般公共预算财政拨款支出决算表', '合计', '本年支出合计'),
        ('财政拨款收入支出决算总表', '本年支出合计', '政府性基金预算财政拨款', '政府性基金预算财政拨款收入支出决算表', '合计', '本年支出小计'),
        ('财政拨款收入支出决算总表', '年末财政拨款结转和结余', '政府性基金预算财政拨款', '政府性基金预算财政拨款收入支出决算表', '合计', '年末结转和结余'),
        ('一般公共预算财政拨款支出决算表', '合计', '基本支出', '一般公共预算财政拨款基本支出决算表', '%经费合计', '金额')
),

cross_totals as (
    select
        e.doc_id, e.district, e.year, e.table_name, e.column_name,
        'cross_table_total:' || e.table_name || ':' || e.item || ':' || e.column_name
            || '=' || m.actual_table || ':' || replace(m.actual_item, '%', '') || ':' || m.actual_column as check_id,
        m.actual_table || ' ' || replace(m.actual_item, '%', '…') || '「' || m.actual_column || '」与 '
            || e.table_name || ' ' || e.item || '「' || e.column_name || '」一致' as subject,
        e.value as expected,
        sum(a.value) as actual,
        e.line,
        string_agg(a.table_name || ' ' || a.name || '「' || a.column_name || '」' || a.value::varchar
                   || '（第 ' || a.line || ' 行）', ' + ' order by a.line) as detail
    from cross_pairs as m
    join source as e
      on e.table_name = m.expected_table and e.item = m.expected_item and e.column_name = m.expected_column
     and e.code is null
    join source as a
      on a.doc_id = e.doc_id and a.table_name = m.actual_table and a.item like m.actual_item
     and a.column_name = m.actual_column and a.code is null
    group by all
),

-- cross_table_total, by 类: a 总表's expenditure item (一、一般公共服务支出) and the 类 code
-- of the same name in the detail table. A 总表 item of 0.00 with no code is not compared.
class_pairs (summary_table, summary_column, detail_table, detail_column) as (
    values
        ('收入支出决算总表', '决算数', '支出决算表', '本年支出合计'),
        ('财政拨款收入支出决算总表', '一般公共预算财政拨款', '一般公共预算财政拨款支出决算表', '本年支出合计'),
        ('财政拨款收入支出决算总表', '政府性基金预算财政拨款', '政府性基金预算财政拨款收入支出决算表', '本年支出小计')
),

class_totals as (
    select
        s.doc_id, s.district, s.year, s.table_name, s.column_name,
        'cross_table_total:' || s.table_name || ':' || s.item || ':' || s.column_name
            || '=' || m.detail_table || ':' || coalesce(d.code, s.item) || ':' || m.detail_column as check_id,
        m.detail_table || ' ' || coalesce(d.code || ' ', '') || s.item || '「' || m.detail_column || '」与 '
            || s.table_name || ' ' || s.name || '「' || s.column_name || '」一致' as subject,
        s.value as expected,
        coalesce(d.value, 0) as actual,
        s.line,
        case
            when d.code is null then m.detail_table || ' 无此类级科目'
            else m.detail_table || ' ' || d.code || ' ' || d.name || '「' || d.column_name || '」'
                 || d.value::varchar || '（第 ' || d.line || ' 行）'
        end as detail
    from class_pairs as m
    join source as s
      on s.table_name = m.summary_table and s.column_name = m.summary_column
     and s.code is null and s.numbered and s.item like '%支出'
    left join coded as d
      on d.doc_id = s.doc_id and d.table_name = m.detail_table and d.column_name = m.detail_column
     and d.level = '类' and d.name = s.item
    where d.code is not null or s.value <> 0
),

checks as (
    select 'cross_table_total' as check_type, * from cross_totals
    union all
    select 'cross_table_total', * from class_totals
)

select * from checks
