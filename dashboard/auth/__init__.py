"""Accounts, roles and permissions (no Streamlit here): roles.py says who may do what, passwords.py hashes and
judges passwords, accounts.py signs people in and keeps the accounts, setup_code.py guards the first run."""
