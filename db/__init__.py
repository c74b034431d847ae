"""The kursk-tui store: schema, migrations, queries, import and export. No UI imports."""
