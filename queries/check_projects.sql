-- Does a 项目支出绩效目标表 add up? One row per check: the sum of the projects'
-- 总计 (and 财政拨款) against the table's 合计 ('projects_sum'), and against each
-- 资金使用单位 row ('unit_sum'). Amounts are 万元 as the table states them; sums are
-- taken in decimal so that 6,028.01 equals 6,028.01 exactly. A block repeated at a
-- page break was kept once by the ETL; the detail names it.
with source as (
    select
        district, year, doc_id, unit_name,
        cast(total as decimal(18, 4)) as total,
        cast(fiscal as decimal(18, 4)) as fiscal
    from projects
),

project_amounts as (
    select district, year, doc_id, unit_name, 'total' as column_name, total as amount from source
    union all
    select district, year, doc_id, unit_name, 'fiscal' as column_name, fiscal as amount from source
),

stated as (
    select district, year, doc_id, scope, column_name, value, line
    from table_totals
    where table_name = 'projects'
),

repeated as (
    select doc_id, string_agg(key, '、' order by repeated_line) as repeated_keys
    from repeated_rows
    where table_name = 'projects'
    group by doc_id
),

cleaned as (
    select
        s.district, s.year, s.doc_id, s.scope, s.column_name, s.line,
        case when s.scope = '合计' then 'projects_sum' else 'unit_sum' end as check_type,
        s.value as expected,
        cast(coalesce(sum(p.amount), 0) as double) as actual,
        count(p.amount) as project_count
    from stated as s
    left join project_amounts as p
      on p.doc_id = s.doc_id and p.column_name = s.column_name
     and (s.scope = '合计' or p.unit_name = s.scope)
    group by all
),

final as (
    select
        c.check_type || ':' || c.doc_id || ':' || case when c.check_type = 'unit_sum' then c.scope || ':' else '' end
            || c.column_name as check_id,
        c.check_type,
        c.district,
        c.year,
        c.doc_id,
        case when c.check_type = 'projects_sum' then '' else c.scope || ' ' end
            || case c.column_name when 'total' then '项目总计之和' else '项目财政拨款之和' end
            || ' = ' || case when c.check_type = 'projects_sum' then '合计' else '单位行' end
            || case c.column_name when 'total' then '（总计）' else '（财政拨款）' end as subject,
        c.expected,
        c.actual,
        round(c.actual - c.expected, 4) as difference,
        cast(0.02 as double) as tolerance,
        abs(c.actual - c.expected) <= 0.02 as passed,
        cast(c.line as integer) as line,
        c.project_count || ' 个项目' || coalesce('; 重复块已去除: ' || r.repeated_keys, '') as detail
    from cleaned as c
    left join repeated as r on r.doc_id = c.doc_id
)

select * from final
order by doc_id, check_type, line, check_id
