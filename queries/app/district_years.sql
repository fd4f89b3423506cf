select * from district_years
