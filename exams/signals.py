"""Signals other apps listen to.

``exam_passed`` is sent inside the grading transaction with ``attempt`` and ``auxiliary`` when
an attempt is graded as passed; the credentials app issues the work credential (Art. 20).
"""

from django.dispatch import Signal

exam_passed = Signal()
