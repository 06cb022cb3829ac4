"""Gap reports (shared/spec/gap-report.md): ``model`` builds the report's content from the read model as plain
data; each writer lays that content out as bytes (xlsx, html, pdf, csv). No Streamlit here."""
