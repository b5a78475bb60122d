"""Signals other apps may listen to (e.g. to tell the learner the exam is open)."""

from django.dispatch import Signal

# Sent once, after commit, when a learner has confirmed every lesson of a course.
# kwargs: user, course, completion
course_completed = Signal()
