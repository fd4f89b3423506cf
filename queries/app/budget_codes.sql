-- The 功能分类 codes that budget lines give, with their name and how many district-years
-- (of one bureau each) report them, for the picker of the one-code view (most reported first).
select code, any_value(name) as name, count(distinct (b.district, d.bureau, b.year)) as district_years
from budget_lines as b
join documents as d using (doc_id)
where code is not null and code like '2%'
group by code
order by district_years desc, code
