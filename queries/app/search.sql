-- Lines whose text contains the search term, also when the PDF broke the term
-- across two lines (blank lines between them skipped); the match must start on
-- the line reported, so each hit is listed once.
with text_lines as (
    select doc_id, line, text, replace(text, ' ', '') as compact
    from document_lines
    where trim(text) <> ''
),

joined as (
    select
        *,
        compact || coalesce(lead(compact) over (partition by doc_id order by line), '') as window_text
    from text_lines
),

final as (
    select d.title, d.district, d.year, j.doc_id, j.line, j.text
    from joined as j
    join documents as d using (doc_id)
    where strpos(lower(j.window_text), lower(replace($term, ' ', ''))) between 1 and length(j.compact)
)

select * from final
order by district, year, doc_id, line
limit 500
