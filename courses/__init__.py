"""The pre-job course: Wagtail course and lesson pages, blocks and reading progress."""
