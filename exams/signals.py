"""Signals other apps listen to.

``exam_passed`` is sent inside the grading transaction with ``attempt`` and ``auxiliary`` when
an attempt at a pre-job exam is graded as passed; the credentials app issues the work
credential (Art. 20).

``quiz_passed`` is sent the same way when an attempt at a course quiz is graded as passed; it
gates no credential, and the training app writes the course's hours the quiz held back.
"""

from django.dispatch import Signal

exam_passed = Signal()
quiz_passed = Signal()
