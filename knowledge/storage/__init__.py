"""Tables, migrations, the engine and its errors, backups: everything that knows SQL."""
