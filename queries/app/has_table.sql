select count(*) > 0 as present
from information_schema.tables
where table_name = $table
