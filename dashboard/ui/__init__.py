"""The web app's Streamlit-side helpers: session (who, which language, which database), cached data, and the
widgets the pages share. Only this package and ``app_pages`` import streamlit; ``tables`` is pure."""
