-- The share of indicators met per district, bureau and year (绩效指标完成情况), from
-- performance_indicators: each bureau's own reports (the Overview's card of a bureau).
-- An indicator counts as met or not met only when both its target and its result have
-- numbers (with_numbers); "按季度提供问题汇总及分析报告" against a sentence is unknown.
-- share_met = met / with_numbers, in percent (0-100), null when no indicator has
-- numbers. Every self-evaluation report has a row: one without indicator results
-- (增城 2023 gives only scores) has 0 indicators.
with reports as (
    select district, bureau, year, doc_id from documents where kind = 'self_evaluation'
),

indicators as (
    select * from performance_indicators
),

counted as (
    select
        r.district,
        r.bureau,
        r.year,
        count(i.indicator) as indicators,
        count(i.met) as with_numbers,
        count(*) filter (where i.met) as met,
        count(*) filter (where not i.met) as not_met,
        count(i.indicator) - count(i.met) as unknown
    from reports as r
    left join indicators as i on i.doc_id = r.doc_id
    group by r.district, r.bureau, r.year
),

final as (
    select
        *,
        100.0 * met / nullif(with_numbers, 0) as share_met
    from counted
)

select * from final
order by district, year, bureau
