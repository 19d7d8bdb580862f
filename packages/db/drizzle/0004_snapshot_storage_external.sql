-- Custom SQL migration file, put your code below! --
-- A snapshot is written whole while appends wait (PGlite runs one statement at a time). Compressing it
-- (the default storage, EXTENDED) made that write about five times longer: 23.5 ms against 4.2 ms for
-- a 497 KB snapshot on PGlite (tests/load/RESULTS.md, 2026-12-04), for half the bytes on disk. Stored
-- out of line uncompressed. Rows written before keep their compressed values until rewritten.
ALTER TABLE "doc_snapshots" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
