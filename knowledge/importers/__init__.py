"""Getting facts in from elsewhere: tracker exports (CSV) and backups (JSON)."""
