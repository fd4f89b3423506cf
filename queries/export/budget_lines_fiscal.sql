-- The budget lines as a Fiscal Data Package resource (OpenSpending's model): one
-- amount per row, in 万元 as budget_lines keeps it (the package says factor 10000 and
-- currency CNY), with its fiscal year, phase, direction, administrative unit (district,
-- bureau, issuing body) and classification: a 功能分类 code starts with 2 (201 类,
-- 20106 款, 2010601 项), a 经济分类 code with 3 (301 工资福利支出). Every line of every
-- table and column is kept, as in budget_lines: the tables overlap (支出决算表's 本年支出合计
-- is 基本支出 plus 项目支出, a 类 is the sum of its 款), so a sum is meaningful only within
-- one table_name and column_name, over one level.
with source as (
    select b.*, d.kind, d.bureau, d.district_full
    from budget_lines as b
    join documents as d using (doc_id)
),

final as (
    select
        value as amount,
        'CNY' as currency,
        year as fiscal_year,
        -- the report's kind: a 部门预算 is the approved budget, a 部门决算 what was spent
        case kind when 'budget' then 'budget' when 'final_accounts' then 'final' end as phase,
        -- "支出决算表" spends, "收入决算表" receives; "收入支出决算总表" has both sides
        case
            when table_name like '%支出%' and table_name not like '%收入%' then 'expenditure'
            when table_name like '%收入%' and table_name not like '%支出%' then 'revenue'
        end as direction,
        district,
        bureau,
        district_full as admin_unit,
        case when code like '2%' then code end as functional_code,
        case when code like '2%' then name end as functional_name,
        case when code like '3%' then code end as economic_code,
        case when code like '3%' then name end as economic_name,
        level,
        parent_code,
        name,
        table_name,
        column_name,
        doc_id,
        line
    from source
)

select * from final
