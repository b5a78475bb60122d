"""Shipped course content (pure data)."""
