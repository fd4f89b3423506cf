-- The share of indicators met per district and year, every bureau's self-evaluations
-- together: indicator_results_by_bureau (where the rule is written) summed over the
-- bureaus of a district-year. Pages read indicator_results_by_bureau.
with source as (
    select * from indicator_results_by_bureau
),

counted as (
    select
        district,
        year,
        sum(indicators) as indicators,
        sum(with_numbers) as with_numbers,
        sum(met) as met,
        sum(not_met) as not_met,
        sum(unknown) as unknown
    from source
    group by district, year
),

final as (
    select
        *,
        100.0 * met / nullif(with_numbers, 0) as share_met
    from counted
)

select * from final
order by district, year
