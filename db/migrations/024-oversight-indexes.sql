-- Indexes for the partnership's oversight measures at scale (issue 13; decision 043), measured with the generated
-- partnership (`npm run db:generate`) and `npm run bench:oversight`.

-- A meeting by its map: whether every attending agency scaled is read from the meeting's map, and the trigger that
-- guards a signed-off meeting's map looks its meeting up the same way on every scaling.
create index meetings_map on meetings (map_id);
