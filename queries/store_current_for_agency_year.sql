SELECT report_id, sha256 FROM reports WHERE agency = $agency AND year = $year;
