"""Exam sessions (考试场次): an organised sitting of one exam for a cohort, with one start time,
a check-in window, a late-entry cutoff, proctors and pre-drawn papers.

models.py the session, its candidates, proctor actions, integrity events and the paper-drawing
job; services.py every write; selectors.py every read (scoped through lms.permissions);
views.py, urls.py and forms.py the pages under /exams/sessions/; report.py the xlsx.
"""
