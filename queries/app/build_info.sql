-- When the warehouse a page reads was built (the footer's stamp).
select built_at from build_info
