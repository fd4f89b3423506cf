-- The conflicts as the Sources page lists them, stored at build, answer first: one row
-- per KPI and district-year of one bureau whose figures disagree (kpi_conflicts), with the value
-- kpi_values chose (its document and line), the other figures with their lines, and
-- chosen_by, the step of kpi_values' written rule that chose (reviewed, definition,
-- whole_year, stated, precise, first_line).
with figures as (
    select c.*, d.title
    from kpi_conflicts as c
    join documents as d using (doc_id)
),

final as (
    select
        f.kpi_id, f.district, f.bureau, f.year, f.period, f.unit,
        any_value(v.value) as chosen_value,
        any_value(v.doc_id) as chosen_doc_id,
        any_value(v.line) as chosen_line,
        any_value(v.quote) as chosen_quote,
        list(f.value order by f.line) filter (where not (f.value = v.value and f.line = v.line and f.doc_id = v.doc_id))
            as other_values,
        list(f.line order by f.line) filter (where not (f.value = v.value and f.line = v.line and f.doc_id = v.doc_id))
            as other_lines,
        any_value(v.chosen_by) as chosen_by,
        any_value(f.title) as title
    from figures as f
    left join kpi_values as v
      on v.district = f.district and v.bureau = f.bureau and v.year = f.year and v.kpi_id = f.kpi_id
    group by f.kpi_id, f.district, f.bureau, f.year, f.period, f.definition, f.unit
)

select * from final
order by kpi_id, district, year, bureau
