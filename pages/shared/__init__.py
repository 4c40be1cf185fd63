"""Shared page chrome (page setup, cached data, filters synced with the URL) for app.py and pages/."""
