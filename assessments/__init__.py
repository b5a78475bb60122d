"""Periodic assessments: templates, cycles, scoring, recommendations and renewal reports."""
