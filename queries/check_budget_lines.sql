-- Do the 部门决算表 add up? One row per check of budget_lines
-- (budget_line_items), one file per kind of check; a failing check is a
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
with checks as (
    select * from check_budget_children
    union all
    select * from check_budget_columns
    union all
    select * from check_budget_cross_tables
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
