-- The ranking rule, written once, used by kpi_benchmark.sql (every year, and each
-- district's latest) and app/briefing_benchmark.sql (the briefing's years):
-- a table macro over candidate rows of kpi_values with an alignment and a
-- comparison column. Each row carries its document's kind of bureau (bureau_kind: a
-- 财政局 is never ranked against 政务服务数据管理局s; '' where none is known) and gets
-- the catalog's direction (higher_is_better); ranked is whether it can be compared
-- (kpi_values.not_comparable is null). Within each (alignment, comparison, kpi_id, bureau_kind) only ranked rows
-- are compared (two bureaus of one district, each its own row): rank follows the KPI's direction (1 = best;
-- for a size with no direction, 1 = largest), gap_to_best is value minus the best value, peer_average
-- excludes the district itself, districts is the count ranked. A row not ranked keeps
-- its place in the result with rank, gap and average empty and districts 0.
create or replace macro ranked(candidates) as table
with compared as (
    select q.* replace (coalesce(q.bureau_kind, '') as bureau_kind), c.higher_is_better, q.not_comparable is null as ranked
    from query_table(candidates) as q
    join kpi_catalog as c using (kpi_id)
),

scored as (
    select
        *,
        count(*) over w as peers,
        avg(value) over (w rows between unbounded preceding and unbounded following exclude current row)
            as peers_average,
        value - (case when higher_is_better is false then min(value) over w else max(value) over w end) as gap,
        rank() over (w order by case when higher_is_better is false then value else -value end) as place
    from compared
    window w as (partition by alignment, comparison, kpi_id, bureau_kind, ranked)
)

select
    * exclude (peers, peers_average, gap, place),
    case when ranked then place end as rank,
    case when ranked then peers else 0 end as districts,
    case when ranked then gap end as gap_to_best,
    case when ranked then peers_average end as peer_average
from scored
