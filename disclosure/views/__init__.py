"""What each page shows, as plain functions from the store's frames to tidy frames and numbers.

No Streamlit and no plotly here: a page script reads as pickers → a view → a chart (disclosure.ui.charts)
→ the numbers behind it. Views are unit-tested on their own (tests/test_views_*.py). Names say which
"value" is meant: a report's *figures* are indicator → the figure it gives (总计, or the sum of the
applicant columns when 总计 is blank); a *rate* is a catalog rate over those figures.
"""
