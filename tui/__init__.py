"""The kursk-tui dashboard (Textual) and its command line. Textual loads only when the dashboard runs."""
