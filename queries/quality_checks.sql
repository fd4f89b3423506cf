-- Every integrity check in one place, one row per check with its inputs and result:
-- the final accounts' codes roll up and their tables agree (check_budget_lines), the
-- project amounts sum to the table's total (check_projects), stated rates and totals
-- agree with their own figures (check_rates).
with source as (
    select * from check_budget_lines
    union all by name
    select * from check_projects
    union all by name
    select * from check_rates
),

final as (
    select
        check_id, check_type, district, year, doc_id, subject,
        expected, actual, difference, tolerance, passed, line, detail
    from source
)

select * from final
order by district, year, doc_id, check_type, check_id
