-- Lines whose text contains the search term, also when the PDF broke the term
-- across two lines (blank lines between them skipped); the match must start on
-- the line reported, so each hit is listed once. The layout markup that web pages and
-- converted tables carry (<p>, <ol style="list-style-type: none">, <br/>) is not text: it is
-- removed before matching and showing, and so are a converted table's cell bars at the
-- ends of a line ("| | <p>设全程…</p> | |"). Any other text between < and > is the
-- document's own and stays (the page escapes it).
with source as (
    select
        doc_id,
        line,
        regexp_replace(
            regexp_replace(text, '</?(?:p|ol|ul|li|br|span|div|font|b|strong|i|em|u|sup|sub|table|thead|tbody|tr|td|th)'
                                 || '(?:\s[^<>]*)?/?>', ' ', 'gi'),
            '\s+', ' ', 'g') as text
    from document_lines
),

text_lines as (
    select doc_id, line, trim(text, ' |') as text, replace(trim(text, ' |'), ' ', '') as compact
    from source
    where trim(text, ' |') <> ''
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
