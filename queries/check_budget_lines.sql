-- Do the 部门决算表 add up? One row per check of budget_lines; a failing check is a
-- finding about the document, not an error of this view.
--   children_sum:      a parent code's figure = the sum of its direct children's (项 -> 款 -> 类),
--                      the 合计 row = the sum of the 类 codes, and the 总表 totals = the sum
--                      of their items (本年支出合计 = 一、… 二十二、; 总计 = 本年合计 + 结转和结余 …),
--                      per table and column;
--   column_sum:        within one row, a total column = the sum of its part columns
--                      (本年支出合计 = 基本支出 + 项目支出 + …), signed for balances
--                      (年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出);
--   cross_table_total: the same total printed in two tables of one document.
-- expected is the stated figure (the parent, the total, the 总表), actual the computed
-- or the other table's figure, difference = actual - expected. Tolerance 0.02 万元:
-- the tables round to 0.01 万元 and say so (因四舍五入可能存在尾差).
-- check_id is unique and stable within one document (doc_id, check_id).
with source as (
    select
        *,
        -- "一、一般公共服务支出" -> "一般公共服务支出": the item without its numbering (also
        -- after a balance's name: "年初财政拨款结转和结余：一、一般公共预算财政拨款")
        regexp_replace(name, '(^|：)[一二三四五六七八九十]+、', '\1') as item,
        regexp_matches(coalesce(name, ''), '^[一二三四五六七八九十]+、') as numbered,
        coalesce(code, name) as row_key
    from budget_lines
),

coded as (
    select * from source where code is not null
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

named_children as (
    select
        t.doc_id, t.district, t.year, t.table_name, t.column_name,
        'children_sum:' || t.table_name || ':' || t.name || ':' || t.column_name as check_id,
        t.table_name || ' ' || t.name || '「' || t.column_name || '」= '
            || string_agg(distinct case
                   when m.numbered and m.part = '%' then '各编号项目（一、二、…）'
                   when m.numbered then '各编号项目（' || replace(m.part, '%', '…') || '）'
                   when m.part = m.total_item || '：%' then '其下各项（' || m.total_item || '：…）'
                   else replace(m.part, '%', '…')
               end, ' + ') as subject,
        t.value as expected,
        coalesce(sum(m.sign * p.value), 0) as actual,
        t.line,
        string_agg(p.name || ' ' || p.value::varchar, ' + ' order by p.line, p.name) as detail
    from source as t
    join named_parts as m
      on m.table_name = t.table_name and m.total_item = t.item and t.code is null
    left join source as p
      on p.doc_id = t.doc_id and p.table_name = t.table_name and p.column_name = t.column_name
     and p.code is null and p.item like m.part and p.numbered = m.numbered
    group by t.doc_id, t.district, t.year, t.table_name, t.column_name, t.name, t.value, t.line
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
    select 'children_sum' as check_type, * from code_children
    union all
    select 'children_sum', * from total_children
    union all
    select 'children_sum', * from named_children
    union all
    select 'column_sum', * from column_sums
    union all
    select 'cross_table_total', * from cross_totals
    union all
    select 'cross_table_total', * from class_totals
),

final as (
    select
        check_id,
        check_type,
        district,
        year::integer as year,
        doc_id,
        subject,
        expected::double as expected,
        round(actual, 6)::double as actual,  -- a sum of 0.01s, without float noise
        round(actual - expected, 6)::double as difference,
        0.02::double as tolerance,
        abs(round(actual - expected, 6)) <= 0.02 as passed,
        line::integer as line,
        detail
    from checks
)

select * from final
order by doc_id, passed, check_type, line, check_id
