-- Lines whose text contains the search term, also when the PDF broke the term
-- across two lines (the match must start on the line reported).
with joined as (
    select
        doc_id,
        line,
        text,
        replace(text, ' ', '') as compact,
        replace(text, ' ', '') || coalesce(replace(lead(text) over (partition by doc_id order by line), ' ', ''), '')
            as window_text
    from document_lines
),

final as (
    select d.title, d.district, d.year, j.doc_id, j.line, j.text
    from joined as j
    join documents as d using (doc_id)
    where strpos(lower(j.window_text), lower(replace($term, ' ', ''))) between 1 and greatest(length(j.compact), 1)
)

select * from final
order by district, year, doc_id, line
limit 500
