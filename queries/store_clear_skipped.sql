-- A full build from data/ lists exactly the files it skipped.
DELETE FROM skipped_files;
