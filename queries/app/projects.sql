select * from projects
order by total desc
