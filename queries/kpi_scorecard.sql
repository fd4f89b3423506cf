-- Every KPI x district's bureau at its latest year, with a 0-1 colour score that
-- does not exaggerate: the distance to the best comparable value of the same kind of
-- bureau, measured in the difference the catalog calls material for the KPI
-- (material_difference: 1 pp of satisfaction, 5 pp of budget execution …; for a count
-- with none named, a quarter of the best value). score = 1 - gap / (2 × material),
-- floored at 0: 1 = the best, 0.5 = one material difference behind, 0 = two or more.
-- No score for a size (no direction), a KPI fewer than two districts report
-- comparably, or a value not compared (not_comparable: part-year, another definition,
-- approximate); their values are still shown. Nor for a count (any unit but % and 分)
-- whose compared values are of different years: 34 锦旗 in 2023 against 111 in 2021
-- says nothing about either year.
with source as (
    select b.*, c.higher_is_better, c.material_difference
    from kpi_benchmark as b
    join kpi_catalog as c using (kpi_id)
    where b.alignment = 'latest'
),

measured as (
    select
        *,
        coalesce(material_difference, 0.25 * abs(value - gap_to_best)) as material,
        unit not in ('%', '分')
        and min(year) filter (where rank is not null) over same_kind
            < max(year) filter (where rank is not null) over same_kind as count_of_other_years
    from source
    window same_kind as (partition by kpi_id, bureau_kind)
),

final as (
    select
        kpi_id,
        district,
        bureau,
        year,
        value,
        unit,
        status,
        period,
        rank,
        districts,
        not_comparable,
        definition,
        case
            when higher_is_better is null or rank is null or districts < 2 or count_of_other_years then null
            when gap_to_best = 0 then 1.0
            when material is null or material = 0 then null
            else greatest(0.0, 1 - abs(gap_to_best) / (2 * material))
        end as score,
        doc_id,
        line,
        quote
    from measured
)

-- Stored with each value's document title (a cell's hover names it) and in the order the
-- page draws it, so that the page's query is a scan (queries/app/scorecard.sql).
select f.*, d.title
from final as f
left join documents as d using (doc_id)
order by kpi_id, district, bureau
