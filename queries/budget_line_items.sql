-- budget_lines with what the checks match on (check_budget_*.sql): the item without
-- its numbering, whether it is numbered ("一、"), and a key for the row (its code, or
-- its name where it has none).
select
    *,
    -- "一、一般公共服务支出" -> "一般公共服务支出": the item without its numbering (also
    -- after a balance's name: "年初财政拨款结转和结余：一、一般公共预算财政拨款")
    regexp_replace(name, '(^|：)[一二三四五六七八九十]+、', '\1') as item,
    regexp_matches(coalesce(name, ''), '^[一二三四五六七八九十]+、') as numbered,
    coalesce(code, name) as row_key
from budget_lines
