"""Backup and restore of a whole installation: the database and the files (`tdkt backup`, `tdkt restore`)."""
