DELETE FROM indicators;
INSERT INTO indicators SELECT * FROM new_indicators;
