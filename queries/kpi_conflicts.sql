-- Every (district, year, kpi_id, period) whose documents give figures that disagree,
-- one row per figure involved. Two figures agree when they are equal at the coarser
-- of their precisions (99.71% and 99.7% agree; 99.99% and 99.9% do not).
-- Targets are not results and never conflict with them; a 1-10月 figure is compared
-- only with other 1-10月 figures.
with source as (
    select * from kpi_observations where kind in ('actual', 'derived')
),

disagreeing as (
    select distinct a.district, a.year, a.kpi_id, coalesce(a.period, '') as period_key
    from source as a
    join source as b
      on a.district = b.district and a.year = b.year and a.kpi_id = b.kpi_id
     and coalesce(a.period, '') = coalesce(b.period, '')
     and a.observation_id < b.observation_id
    where round(a.value, -greatest(a.precision, b.precision))
       <> round(b.value, -greatest(a.precision, b.precision))
),

final as (
    select
        s.district, s.year, s.kpi_id, s.period, s.value, s.unit, s.kind,
        s.doc_id, s.line, s.quote, s.note, s.observation_id
    from source as s
    join disagreeing as d
      on s.district = d.district and s.year = d.year and s.kpi_id = d.kpi_id
     and coalesce(s.period, '') = d.period_key
)

select * from final
order by district, year, kpi_id, line
