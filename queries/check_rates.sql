-- Does a self-evaluation report's arithmetic hold? One row per check.
--   stated_rate: a rate the document states (kpi_observations, kind 'actual', whole
--                year: 预算执行率, 基本支出执行率, 项目支出执行率) against the same
--                document's numerator ÷ denominator × 100, each the first whole-year
--                'actual' figure of its KPI by line;
--   parts_sum:   a stated total against the sum of the parts it lists ("其中…", see
--                stated_parts).
-- expected is the figure the document states (the rate, the total), actual the one
-- recomputed from its other figures, difference = actual - expected. tolerance is half
-- a unit of the stated figure's last digit (93.2% covers 93.15-93.25); a sum also
-- allows half a unit of each part. A failing check is a finding about the document.
with observations as (
    select * from kpi_observations
),

rate_definitions (rate_id, numerator_id, denominator_id) as (
    values
        ('budget_execution_rate', 'budget_executed', 'budget_total'),
        ('basic_execution_rate', 'basic_expenditure', 'basic_budget'),
        ('project_execution_rate', 'project_expenditure', 'project_budget')
),

figures as (
    select doc_id, kpi_id, value, line
    from observations
    where kind = 'actual' and period is null
    qualify row_number() over (partition by doc_id, kpi_id order by line, observation_id) = 1
),

stated_rates as (
    select
        'stated_rate:' || r.doc_id || ':' || r.kpi_id || ':' || r.line as check_id,
        'stated_rate' as check_type,
        r.district,
        r.year,
        r.doc_id,
        c.name_zh as subject,
        r.value as expected,
        n.value / d.value * 100 as actual,
        0.5 * power(10, r.precision) as tolerance,
        r.line,
        printf('%s ÷ %s = %.2f%%（第 %d 行 ÷ 第 %d 行）；文件写 %s%%（第 %d 行）',
               n.value::varchar, d.value::varchar, n.value / d.value * 100, n.line, d.line, r.value::varchar, r.line)
            as detail
    from observations as r
    join rate_definitions as definition on definition.rate_id = r.kpi_id
    join figures as n on n.doc_id = r.doc_id and n.kpi_id = definition.numerator_id
    join figures as d on d.doc_id = r.doc_id and d.kpi_id = definition.denominator_id
    left join kpi_catalog as c on c.kpi_id = r.kpi_id
    where r.kind = 'actual' and r.period is null and d.value <> 0
),

parts_sums as (
    select
        'parts_sum:' || doc_id || ':' || total_line || ':' || subject as check_id,
        'parts_sum' as check_type,
        district,
        year,
        doc_id,
        subject || ' = 其中各项之和' as subject,
        total as expected,
        sum(part_value) as actual,
        0.5 * power(10, total_precision) + sum(0.5 * power(10, part_precision)) as tolerance,
        total_line as line,
        string_agg(part_name || ' ' || part_value || '（第 ' || part_line || ' 行）', ' + ' order by part_number)
            || ' = ' || round(sum(part_value), 2) || '；文件写 ' || total as detail
    from stated_parts
    group by district, year, doc_id, subject, total, total_precision, total_line
),

checks as (
    select * from stated_rates
    union all by name
    select * from parts_sums
),

final as (
    select
        check_id::varchar as check_id,
        check_type::varchar as check_type,
        district,
        year::integer as year,
        doc_id,
        subject::varchar as subject,
        expected::double as expected,
        actual::double as actual,
        (actual - expected)::double as difference,
        tolerance::double as tolerance,
        abs(actual - expected) <= tolerance + 1e-9 as passed,
        line::integer as line,
        detail::varchar as detail
    from checks
)

select * from final
order by district, year, check_type, line, check_id
