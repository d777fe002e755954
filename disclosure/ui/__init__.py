"""Streamlit building blocks shared by the pages: language, data access, pickers, number tables."""
