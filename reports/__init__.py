"""Reports: renewal workbooks (per agency and roll-ups), training workbooks, built in the
background with progress, kept as media files for a retention period; and the staff dashboards."""
