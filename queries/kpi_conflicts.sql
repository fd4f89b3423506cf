-- Every (district, bureau, year, kpi_id, period) whose documents give figures that
-- disagree, one row per figure involved: one bureau's figures only (two bureaus of one
-- district-year report two values, never a conflict). Two stated figures agree when
-- they are equal at the coarser of their precisions, rounding halves up (99.71% and
-- 99.7% agree; 99.99% and 99.9% do not). A rate the build recomputed (kind 'derived', kept to 4 decimals)
-- agrees with a stated figure when the stated one is a rounding of it: within half a
-- unit of the stated precision (84.925 recomputed from 84.92499…, stated 84.92 or
-- 84.93: both agree), so rounding twice never makes a conflict the document lacks.
-- Targets are not results and never conflict with them; a 1-10月 figure is compared
-- only with other 1-10月 figures, and a figure of another definition (a 决算's 本年支出合计)
-- only with figures of that definition.
with source as (
    -- bureau: each figure's document's (etl/build.py); a kpi_observations written without
    -- it (by hand in a test, by bench/million.py) reads as one bureau
    select * replace (coalesce(bureau, '') as bureau)
    from (select null::varchar as bureau where false union all by name select * from kpi_observations)
    where kind in ('actual', 'derived')
),

pairs as (
    select
        a.district, a.bureau, a.year, a.kpi_id, coalesce(a.period, '') as period_key, coalesce(a.definition, '') as definition_key,
        a.value as a_value, b.value as b_value,
        'derived' in (a.kind, b.kind) as recomputed,
        pow(10, greatest(a.precision, b.precision)) as unit_step
    from source as a
    join source as b
      on a.district = b.district and a.bureau = b.bureau and a.year = b.year and a.kpi_id = b.kpi_id
     and a.period is not distinct from b.period and a.definition is not distinct from b.definition
     and a.observation_id < b.observation_id
),

disagreeing as (
    select distinct district, bureau, year, kpi_id, period_key, definition_key
    from pairs
    where case
        when recomputed then abs(a_value - b_value) > unit_step * (0.5 + 1e-9)
        -- half up at the coarser precision; 1e-7 steps absorb the binary error of 84.925
        else sign(a_value) * floor(abs(a_value) / unit_step + 0.5 + 1e-7)
          <> sign(b_value) * floor(abs(b_value) / unit_step + 0.5 + 1e-7)
    end
),

final as (
    select
        s.district, s.bureau, s.year, s.kpi_id, s.period, s.definition, s.value, s.unit, s.kind,
        s.doc_id, s.line, s.quote, s.note, s.observation_id
    from source as s
    join disagreeing as d
      on s.district = d.district and s.bureau = d.bureau and s.year = d.year and s.kpi_id = d.kpi_id
     and coalesce(s.period, '') = d.period_key and coalesce(s.definition, '') = d.definition_key
)

select * from final
order by district, bureau, year, kpi_id, line
